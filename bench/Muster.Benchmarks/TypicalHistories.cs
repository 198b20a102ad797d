using Muster.Core.Facts;
using NodaTime;

namespace Muster.Benchmarks;

/// <summary>Typical histories of the register: 1-3 summonses, at most 10 facts each.</summary>
internal static class TypicalHistories
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 2, 2, 9, 0);

    private static PersonRegistered Person(string region) => new()
    {
        Id = "f0", PersonId = "p", OccurredAt = T0 - Duration.FromDays(300), RecordedAt = T0 - Duration.FromDays(300),
        NationalId = "4501654321", FamilyName = "Кузнецов", GivenNames = "Дмитрий", BirthDate = new LocalDate(1998, 1, 30), Region = region,
        Documents = [new IdentityDocument(IdentityDocument.InternationalPassport, "761112223", "RUS")], Channel = "office",
    };

    private static SummonsPlaced Placed(string id, string summons, Instant at, int appearInDays) => new()
    {
        Id = id, PersonId = "p", OccurredAt = at, RecordedAt = at, SummonsId = summons, Office = "MOW-07",
        AppearanceAt = at.InUtc().LocalDateTime.PlusDays(appearInDays), Channel = "register",
    };

    /// <summary>One summons, unopened: the commonest record (2 facts).</summary>
    public static Fact[] OneUnopened() => [Person("RU-MOW"), Placed("f1", "s1", T0, 3)];

    /// <summary>One summons opened at once and answered by an appearance (4 facts).</summary>
    public static Fact[] OneAnswered() =>
    [
        Person("RU-KGD"), Placed("f1", "s1", T0, 3),
        new SummonsOpened { Id = "f2", PersonId = "p", OccurredAt = T0 + Duration.FromHours(1), RecordedAt = T0 + Duration.FromHours(1), SummonsId = "s1", Channel = "portal" },
        new AppearanceRecorded { Id = "f3", PersonId = "p", OccurredAt = T0 + Duration.FromDays(3), RecordedAt = T0 + Duration.FromDays(3), Office = "KGD-01", Channel = "office" },
    ];

    /// <summary>Three summonses, openings, a hand-over, a cancellation, a retraction (10 facts).</summary>
    public static Fact[] ThreeSummonses() =>
    [
        Person("RU-KAM"),
        Placed("f1", "s1", T0, 3),
        new SummonsOpened { Id = "f2", PersonId = "p", OccurredAt = T0 + Duration.FromHours(5), RecordedAt = T0 + Duration.FromHours(5), SummonsId = "s1", Channel = "portal" },
        new SummonsCancelled { Id = "f3", PersonId = "p", OccurredAt = T0 + Duration.FromDays(1), RecordedAt = T0 + Duration.FromDays(1), SummonsId = "s1", Reason = "duplicate", Channel = "office" },
        Placed("f4", "s2", T0 + Duration.FromDays(2), 5),
        new SummonsHanded { Id = "f5", PersonId = "p", OccurredAt = T0 + Duration.FromDays(3), RecordedAt = T0 + Duration.FromDays(3), SummonsId = "s2", Channel = "office" },
        Placed("f6", "s3", T0 + Duration.FromDays(10), 7),
        new SummonsOpened { Id = "f7", PersonId = "p", OccurredAt = T0 + Duration.FromDays(11), RecordedAt = T0 + Duration.FromDays(11), SummonsId = "s3", Channel = "portal" },
        new FactRetracted { Id = "f8", PersonId = "p", OccurredAt = T0 + Duration.FromDays(12), RecordedAt = T0 + Duration.FromDays(12), FactId = "f7", Reason = "opened by a relative", Channel = "office" },
        new SummonsMailed { Id = "f9", PersonId = "p", OccurredAt = T0 + Duration.FromDays(12), RecordedAt = T0 + Duration.FromDays(12), SummonsId = "s3", Channel = "post" },
    ];
}
