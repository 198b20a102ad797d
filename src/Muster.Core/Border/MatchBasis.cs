namespace Muster.Core.Border;

/// <summary>What tied an MRZ to a registered person.</summary>
public enum MatchBasis
{
    /// <summary>Document number and issuing state of a registered document, and a compatible birth date.</summary>
    Document,

    /// <summary>Transliterated (or recorded Latin) name and the exact birth date; no document on record matched.</summary>
    NameAndBirthDate,
}
