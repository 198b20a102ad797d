using Muster.Core.Facts;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Storage.Bench;

/// <summary>
/// A deterministic synthetic register: four facts per person (registration, summons placed, and two
/// of opened/handed/mailed/delivered/appearance/valid reason/cancelled), emitted in blocks of
/// persons the way a day's work arrives (all registrations of a block, then all placements, ...),
/// so a person's facts are spread over the file. The same arguments give the same bytes.
/// </summary>
public static class SyntheticRegister
{
    private static readonly string[] Regions = ["RU-MOW", "RU-KGD", "RU-SAM", "RU-CHE", "RU-KYA", "RU-SAK", "RU-RYA", "RU-ME"];
    private static readonly string[] FamilyNames = ["Смирнов", "Иванов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов"];
    private static readonly string[] GivenNames = ["Алексей", "Дмитрий", "Сергей", "Андрей", "Иван", "Максим", "Артём", "Никита"];
    private static readonly Instant Start = Instant.FromUtc(2026, 2, 2, 6, 0);

    public static string PersonId(int i) => $"p{i:D7}";

    public static string DocumentNumber(int i) => $"7{i:D8}";

    public static string NationalId(int i) => $"45{i:D8}";

    public static IEnumerable<Fact> Facts(int persons, int block = 10_000)
    {
        for (var first = 0; first < persons; first += block)
        {
            var last = Math.Min(persons, first + block);
            for (var step = 0; step < 4; step++)
            {
                for (var i = first; i < last; i++)
                {
                    yield return Fact(i, step);
                }
            }
        }
    }

    public static Fact Fact(int i, int step)
    {
        var person = PersonId(i);
        var summons = $"s{i:D7}";
        var placedAt = Start + Duration.FromMinutes(i % 20_000);
        var at = step switch
        {
            0 => placedAt - Duration.FromDays(100),
            1 => placedAt,
            2 => placedAt + Duration.FromHours(2),
            _ => placedAt + Duration.FromDays(3),
        };
        var id = $"f{i:D7}-{step}";
        var recorded = at + Duration.FromMinutes(1);
        return (step, i % 4) switch
        {
            (0, _) => new PersonRegistered
            {
                Id = id, PersonId = person, OccurredAt = at, RecordedAt = recorded, Actor = "clerk-1", Channel = "office",
                NationalId = NationalId(i), FamilyName = FamilyNames[i % FamilyNames.Length], GivenNames = GivenNames[(i / 8) % GivenNames.Length],
                Patronymic = "Иванович", BirthDate = new LocalDate(1990 + (i % 15), 1 + (i % 12), 1 + (i % 28)), Region = Regions[i % Regions.Length],
                Documents = [new IdentityDocument(IdentityDocument.InternationalPassport, DocumentNumber(i), "RUS")],
            },
            (1, _) => new SummonsPlaced
            {
                Id = id, PersonId = person, OccurredAt = at, RecordedAt = recorded, Actor = "commissar-1", Channel = "register",
                SummonsId = summons, Office = "MOW-07", AppearanceAt = (placedAt + Duration.FromDays(10)).InUtc().LocalDateTime, Purpose = "clarification of records",
            },
            (2, 0) or (2, 3) => new SummonsOpened { Id = id, PersonId = person, OccurredAt = at, RecordedAt = recorded, Channel = "portal", SummonsId = summons },
            (2, 1) => new SummonsHanded { Id = id, PersonId = person, OccurredAt = at, RecordedAt = recorded, Actor = "clerk-2", Channel = "office", SummonsId = summons },
            (2, _) => new SummonsMailed { Id = id, PersonId = person, OccurredAt = at, RecordedAt = recorded, Channel = "post", SummonsId = summons },
            (_, 0) => new AppearanceRecorded { Id = id, PersonId = person, OccurredAt = at, RecordedAt = recorded, Actor = "clerk-3", Channel = "office", Office = "MOW-07" },
            (_, 1) => new ValidReasonAccepted { Id = id, PersonId = person, OccurredAt = at, RecordedAt = recorded, Actor = "clerk-3", Channel = "office", SummonsId = summons, Reason = "illness" },
            (_, 2) => new SummonsMailDelivered { Id = id, PersonId = person, OccurredAt = at, RecordedAt = recorded, Channel = "post", SummonsId = summons },
            _ => new SummonsCancelled { Id = id, PersonId = person, OccurredAt = at, RecordedAt = recorded, Actor = "commissar-1", Channel = "register", SummonsId = summons, Reason = "sent in error" },
        };
    }

    public static void WriteJsonl(string path, int persons)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        foreach (var fact in Facts(persons))
        {
            writer.Write(FactJson.Serialize(fact));
            writer.Write('\n');
        }
    }
}
