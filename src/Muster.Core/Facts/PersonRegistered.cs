using System.Collections.Immutable;
using NodaTime;

namespace Muster.Core.Facts;

/// <summary>A person was entered in the register (or their entry was re-stated; the latest one wins).</summary>
public sealed record PersonRegistered : Fact
{
    public const string TypeName = "person.registered";
    public override string Type => TypeName;

    public required string NationalId { get; init; }
    public required string FamilyName { get; init; }
    public required string GivenNames { get; init; }
    public string? Patronymic { get; init; }
    /// <summary>The name as written in the machine-readable zone of the person's passport, if known.</summary>
    public string? LatinName { get; init; }
    public required LocalDate BirthDate { get; init; }
    /// <summary>ISO 3166-2 code of the region of residence, e.g. RU-KGD; it fixes the person's legal time zone.</summary>
    public required string Region { get; init; }
    public ImmutableArray<IdentityDocument> Documents { get; init; } = [];

    public bool Equals(PersonRegistered? other) =>
        other is not null && base.Equals(other) && NationalId == other.NationalId &&
        FamilyName == other.FamilyName && GivenNames == other.GivenNames && Patronymic == other.Patronymic &&
        LatinName == other.LatinName && BirthDate == other.BirthDate && Region == other.Region &&
        Documents.SequenceEqual(other.Documents);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), NationalId, BirthDate);
}

/// <summary>An identity document of a person. Kinds: "passport" (internal) and "international_passport".</summary>
public sealed record IdentityDocument(string Kind, string Number, string IssuingState)
{
    public const string Passport = "passport";
    public const string InternationalPassport = "international_passport";
}
