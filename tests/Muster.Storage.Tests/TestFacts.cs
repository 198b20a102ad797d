using System.Text;
using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Storage.Tests;

/// <summary>Facts for the tests: a Moscow conscript, the seed's summons, and the instants around it.</summary>
public static class TestFacts
{
    public static readonly Instant Now = Instant.FromUtc(2026, 2, 10, 12, 0);
    public static readonly Instant Placement = Instant.FromUtc(2026, 2, 2, 9, 0);

    public static readonly PolicySet Policies = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));

    public static PersonRegistered Registered(string person, string id, string nationalId = "4501654321", string document = "761112223", string familyName = "Кузнецов", Instant? at = null) => new()
    {
        Id = id, PersonId = person, OccurredAt = at ?? Instant.FromUtc(2025, 9, 1, 8, 0), RecordedAt = at ?? Instant.FromUtc(2025, 9, 1, 8, 0),
        Actor = "clerk-1", Channel = "office",
        NationalId = nationalId, FamilyName = familyName, GivenNames = "Дмитрий", Patronymic = "Сергеевич",
        BirthDate = new LocalDate(1998, 1, 30), Region = "RU-MOW",
        Documents = [new IdentityDocument(IdentityDocument.InternationalPassport, document, "RUS")],
    };

    public static SummonsPlaced Placed(string person, string summons, string id) => new()
    {
        Id = id, PersonId = person, OccurredAt = Placement, RecordedAt = Placement, Actor = "commissar", Channel = "register",
        SummonsId = summons, Office = "MOW-07", AppearanceAt = new LocalDateTime(2026, 2, 5, 10, 0),
    };

    public static SummonsOpened Opened(string person, string summons, string id) => new()
    {
        Id = id, PersonId = person, OccurredAt = Placement + Duration.FromHours(1), RecordedAt = Placement + Duration.FromHours(1), Channel = "portal", SummonsId = summons,
    };

    public static AppearanceRecorded Appeared(string person, string id, Instant at) => new()
    {
        Id = id, PersonId = person, OccurredAt = at, RecordedAt = at, Actor = "clerk-3", Channel = "office", Office = "MOW-07",
    };

    public static FactRetracted Retracted(string person, string id, string target) => new()
    {
        Id = id, PersonId = person, OccurredAt = Now, RecordedAt = Now, Actor = "clerk-1", Channel = "office", FactId = target, Reason = "entered in error",
    };

    /// <summary>Import lines read from JSON Lines text, as the CLI reads a file.</summary>
    public static List<FactLine> Lines(params string[] lines) =>
        [.. FactLineReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), Now)];

    public static string Line(Fact fact) => Core.Serialization.FactJson.Serialize(fact);
}
