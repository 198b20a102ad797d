using Muster.Core.Facts;
using Muster.Core.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Muster.Propagation.Tests.Support;

/// <summary>Facts for the tests, tersely: instants are ISO-8601 strings; a fact is recorded when it occurred.</summary>
public static class Facts
{
    public static Instant I(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    public static PersonRegistered Registered(string personId, string at, string region = "RU-MOW") => new()
    {
        Id = $"{personId}-reg", PersonId = personId, OccurredAt = I(at), RecordedAt = I(at), Channel = "office",
        NationalId = "NID-" + personId, FamilyName = "Иванов", GivenNames = "Иван", BirthDate = new LocalDate(1998, 5, 17), Region = region,
        Documents = [new IdentityDocument(IdentityDocument.InternationalPassport, "75" + (personId.GetHashCode(StringComparison.Ordinal) & 0xffffff).ToString("D8", System.Globalization.CultureInfo.InvariantCulture), "RUS")],
    };

    /// <summary>A summons placed at <paramref name="at"/>, appearance three days later at 10:00 local.</summary>
    public static SummonsPlaced Placed(string personId, string summonsId, string at) => new()
    {
        Id = $"{personId}-{summonsId}-placed", PersonId = personId, OccurredAt = I(at), RecordedAt = I(at), Channel = "register",
        SummonsId = summonsId, Office = "MOW-07", AppearanceAt = (I(at) + Duration.FromDays(3)).InUtc().Date.At(new LocalTime(10, 0)),
    };

    public static AppearanceRecorded Appeared(string personId, string at, string tag = "a") => new()
    {
        Id = $"{personId}-appeared-{tag}", PersonId = personId, OccurredAt = I(at), RecordedAt = I(at), Channel = "office", Office = "MOW-07",
    };

    public static SummonsCancelled Cancelled(string personId, string summonsId, string at) => new()
    {
        Id = $"{personId}-{summonsId}-cancelled", PersonId = personId, OccurredAt = I(at), RecordedAt = I(at), Channel = "register",
        SummonsId = summonsId, Reason = "sent in error",
    };

    public static FactRetracted Retracted(string personId, string factId, string at) => new()
    {
        Id = $"{factId}-retracted", PersonId = personId, OccurredAt = I(at), RecordedAt = I(at), Channel = "office",
        FactId = factId, Reason = "entered by mistake",
    };

    public static async Task<string> WriteJsonlAsync(string folder, IEnumerable<Fact> facts)
    {
        var path = Path.Combine(folder, $"facts-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, facts.Select(FactJson.Serialize));
        return path;
    }
}

/// <summary>A clock the test sets.</summary>
public sealed class TestClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;
}
