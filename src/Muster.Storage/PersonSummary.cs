using NodaTime;

namespace Muster.Storage;

/// <summary>A person as the persons projection knows them (from the latest registration).</summary>
public sealed record PersonSummary(
    string PersonId,
    string NationalId,
    string FamilyName,
    string GivenNames,
    string? Patronymic,
    LocalDate BirthDate,
    string Region,
    long Version);
