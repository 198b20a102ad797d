using System.Collections.Immutable;
using NodaTime;

namespace Muster.Core.Border;

/// <summary>
/// A machine-readable zone that passed every ICAO Doc 9303 check. Text fields have their trailing
/// fillers removed ("D&lt;&lt;" is "D"); names have fillers turned into spaces.
/// Only <see cref="MrzParser"/> makes these, so holding one means the checks passed.
/// </summary>
public sealed record Mrz
{
    internal Mrz() { }

    public required MrzFormat Format { get; init; }

    /// <summary>Document code, e.g. "P" (passport), "PN", "I", "ID", "AC".</summary>
    public required string DocumentCode { get; init; }

    /// <summary>Issuing state or organisation, ICAO 9303 part 3 code, e.g. "RUS", "UTO", "D".</summary>
    public required string IssuingState { get; init; }

    /// <summary>Primary identifier (family name), fillers as spaces, e.g. "ERIKSSON".</summary>
    public required string PrimaryIdentifier { get; init; }

    /// <summary>Secondary identifier (given names), fillers as spaces, e.g. "ANNA MARIA"; may be empty.</summary>
    public required string SecondaryIdentifier { get; init; }

    /// <summary>The name field exactly as printed, fillers included; matching needs it to handle truncation.</summary>
    public required string NameField { get; init; }

    /// <summary>
    /// True when the name field is filled to its last position, so the holder's name may have been
    /// cut (Doc 9303 part 3, 4.6.4); the names above are then possibly only a prefix of the real ones.
    /// </summary>
    public bool NamesMayBeTruncated => NameField.Length > 0 && NameField[^1] != '<';

    /// <summary>Document number, including a TD1/TD2 long-number extension taken from the optional data.</summary>
    public required string DocumentNumber { get; init; }

    public required string Nationality { get; init; }

    public required MrzBirthDate BirthDate { get; init; }

    public required MrzSex Sex { get; init; }

    public required LocalDate ExpiryDate { get; init; }

    /// <summary>TD3: personal number; TD1: optional data of line 1 (after any long-number extension); TD2: optional data.</summary>
    public required string OptionalData { get; init; }

    /// <summary>TD1 only: optional data of line 2; empty for other formats.</summary>
    public required string OptionalData2 { get; init; }

    public required MrzCheckDigits CheckDigits { get; init; }

    /// <summary>The lines as read, after removing line breaks and surrounding spaces.</summary>
    public required ImmutableArray<string> Lines { get; init; }

    public bool Equals(Mrz? other) =>
        other is not null && Lines.SequenceEqual(other.Lines) && ExpiryDate == other.ExpiryDate && BirthDate == other.BirthDate;

    public override int GetHashCode() => HashCode.Combine(string.Concat(Lines), ExpiryDate, BirthDate);
}
