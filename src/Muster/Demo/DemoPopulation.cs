using Muster.Core.Border;
using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Cli.Demo;

/// <summary>
/// A realistic generated register for the demo: people across the eleven time zones, with
/// summonses in every state (just placed, opened, deemed delivered, handed over, answered,
/// cancelled, deferred, corrected) relative to <c>now</c>, so every stage of the law is visible.
/// Deterministic for a seed. The first three people are the seed article's cases.
/// </summary>
public static class DemoPopulation
{
    /// <summary>The scenarios, in the order they are dealt out; each person gets one.</summary>
    public enum Scenario
    {
        NoSummons,
        PlacedToday,
        OpenedAwaitingMeasures,
        UnopenedMeasuresInForce,
        OpenedMeasuresInForce,
        HandedThenAppeared,
        Cancelled,
        Deferred,
        OpeningRetracted,
        TwoSummonses,
        ValidReason,
    }

    public static IReadOnlyList<Fact> Generate(int people, Instant now, PolicySet policies, int seed = 2026)
    {
        var rng = new Random(seed);
        var facts = new List<Fact>(people * 4);
        var weights = DemoNames.Regions.Sum(r => r.Weight);
        var scenarios = Enum.GetValues<Scenario>();
        for (var i = 0; i < people; i++)
        {
            var (region, office, scenario) = i switch
            {
                0 => ("RU-KGD", "KGD-01", Scenario.OpenedMeasuresInForce),   // the Kaliningrad case
                1 => ("RU-MOW", "MOW-07", Scenario.UnopenedMeasuresInForce), // stopped at Sheremetyevo
                2 => ("RU-KAM", "KAM-02", Scenario.OpenedAwaitingMeasures),
                _ => Pick(rng, weights) is var r ? (r.Region, r.Office, scenarios[rng.Next(scenarios.Length)]) : default,
            };
            var zone = policies.ZoneOf(region) ?? throw new InvalidOperationException($"no policy lists region {region}");
            new PersonWriter(facts, rng, $"demo-{i:D6}", now, zone, office).Write(region, i, scenario);
        }

        return facts;
    }

    private static (string Region, string Office) Pick(Random rng, int total)
    {
        var n = rng.Next(total);
        foreach (var (region, office, weight) in DemoNames.Regions)
        {
            if ((n -= weight) < 0)
            {
                return (region, office);
            }
        }

        return (DemoNames.Regions[0].Region, DemoNames.Regions[0].Office);
    }

    /// <summary>Writes one person's facts; instants are relative to now, local times in the person's zone.</summary>
    private sealed class PersonWriter(List<Fact> facts, Random rng, string personId, Instant now, DateTimeZone zone, string office)
    {
        private int _next;

        public void Write(string region, int index, Scenario scenario)
        {
            var family = DemoNames.Family[rng.Next(DemoNames.Family.Length)];
            var given = DemoNames.Given[rng.Next(DemoNames.Given.Length)];
            var birth = new LocalDate(1986, 1, 1).PlusDays(rng.Next(0, 365 * 20));
            var registeredAt = now - Duration.FromDays(400 + rng.Next(0, 300));
            facts.Add(new PersonRegistered
            {
                Id = NextId(), PersonId = personId, OccurredAt = registeredAt, RecordedAt = registeredAt,
                NationalId = (4500000000L + index * 7919L % 499999999L).ToString(System.Globalization.CultureInfo.InvariantCulture),
                FamilyName = family, GivenNames = given,
                Patronymic = DemoNames.Patronymic[rng.Next(DemoNames.Patronymic.Length)],
                LatinName = MrzNames.Encode(IcaoTransliteration.ToLatin(family), IcaoTransliteration.ToLatin(given)),
                BirthDate = birth, Region = region, Channel = "office", Actor = "demo",
                Documents =
                [
                    new IdentityDocument(IdentityDocument.Passport, (4500000000L + index).ToString(System.Globalization.CultureInfo.InvariantCulture), "RUS"),
                    new IdentityDocument(IdentityDocument.InternationalPassport, (750000000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture), "RUS"),
                ],
            });

            switch (scenario)
            {
                case Scenario.NoSummons:
                    break;
                case Scenario.PlacedToday:
                    Placed("s1", now - Duration.FromHours(rng.Next(1, 10)), 3);
                    break;
                case Scenario.OpenedAwaitingMeasures:
                    var placed = Placed("s1", now - Duration.FromDays(rng.Next(2, 12)), 2);
                    Add(new SummonsOpened { Id = NextId(), PersonId = personId, OccurredAt = placed + Duration.FromHours(3), RecordedAt = placed + Duration.FromHours(3), SummonsId = "s1", Channel = "portal" });
                    break;
                case Scenario.UnopenedMeasuresInForce:
                    Placed("s1", now - Duration.FromDays(rng.Next(29, 60)), 3);
                    break;
                case Scenario.OpenedMeasuresInForce:
                    var p = Placed("s1", now - Duration.FromDays(rng.Next(22, 40)), 0);
                    Add(new SummonsOpened { Id = NextId(), PersonId = personId, OccurredAt = p + Duration.FromHours(2), RecordedAt = p + Duration.FromHours(2), SummonsId = "s1", Channel = "portal" });
                    break;
                case Scenario.HandedThenAppeared:
                    var h = Placed("s1", now - Duration.FromDays(rng.Next(10, 50)), 4);
                    Add(new SummonsHanded { Id = NextId(), PersonId = personId, OccurredAt = h + Duration.FromHours(26), RecordedAt = h + Duration.FromHours(26), SummonsId = "s1", Channel = "office" });
                    Add(new AppearanceRecorded { Id = NextId(), PersonId = personId, OccurredAt = h + Duration.FromDays(4) + Duration.FromHours(2), RecordedAt = h + Duration.FromDays(4) + Duration.FromHours(2), Office = office, Channel = "office" });
                    break;
                case Scenario.Cancelled:
                    var c = Placed("s1", now - Duration.FromDays(rng.Next(3, 30)), 5);
                    Add(new SummonsCancelled { Id = NextId(), PersonId = personId, OccurredAt = c + Duration.FromDays(1), RecordedAt = c + Duration.FromDays(1), SummonsId = "s1", Reason = "issued to the wrong person", Channel = "office" });
                    break;
                case Scenario.Deferred:
                    var d = Placed("s1", now - Duration.FromDays(rng.Next(5, 30)), 5);
                    var from = (d + Duration.FromDays(2)).InZone(zone).Date;
                    Add(new DefermentGranted { Id = NextId(), PersonId = personId, OccurredAt = d + Duration.FromDays(2), RecordedAt = d + Duration.FromDays(2), From = from, Until = from.PlusMonths(6), Basis = "full-time study", Channel = "office" });
                    break;
                case Scenario.OpeningRetracted:
                    var o = Placed("s1", now - Duration.FromDays(rng.Next(8, 25)), 1);
                    var opened = new SummonsOpened { Id = NextId(), PersonId = personId, OccurredAt = o + Duration.FromHours(1), RecordedAt = o + Duration.FromHours(1), SummonsId = "s1", Channel = "portal" };
                    Add(opened);
                    Add(new FactRetracted { Id = NextId(), PersonId = personId, OccurredAt = o + Duration.FromDays(3), RecordedAt = o + Duration.FromDays(3), FactId = opened.Id, Reason = "opened by a relative on a shared device", Channel = "office" });
                    break;
                case Scenario.TwoSummonses:
                    Placed("s1", now - Duration.FromDays(rng.Next(30, 45)), 3);
                    Placed("s2", now - Duration.FromDays(rng.Next(1, 10)), 6);
                    break;
                case Scenario.ValidReason:
                    var v = Placed("s1", now - Duration.FromDays(rng.Next(5, 20)), 2);
                    Add(new ValidReasonAccepted { Id = NextId(), PersonId = personId, OccurredAt = v + Duration.FromDays(3), RecordedAt = v + Duration.FromDays(3), SummonsId = "s1", Reason = "hospitalised (certificate presented)", Channel = "office" });
                    break;
            }
        }

        /// <summary>Places summons <paramref name="summonsId"/>; appearance at 10:00 local, N days after placement.</summary>
        private Instant Placed(string summonsId, Instant at, int appearInDays)
        {
            var local = at.InZone(zone).LocalDateTime;
            var appear = local.Date.PlusDays(appearInDays).At(new LocalTime(10, 0));
            if (appear <= local)
            {
                // Same-day appearance placed after 10:00: three hours later, on the minute.
                appear = local.PlusHours(3).With(TimeAdjusters.TruncateToMinute);
            }

            Add(new SummonsPlaced
            {
                Id = NextId(), PersonId = personId, OccurredAt = at, RecordedAt = at, SummonsId = $"{personId}-{summonsId}",
                Office = office, AppearanceAt = appear, Purpose = "clarification of military registration data", Channel = "register", Actor = "commissar",
            });
            return at;
        }

        private void Add(Fact fact)
        {
            if (fact is SummonsFact sf && !sf.SummonsId.StartsWith(personId, StringComparison.Ordinal))
            {
                fact = sf with { SummonsId = $"{personId}-{sf.SummonsId}" };
            }

            facts.Add(fact);
        }

        private string NextId() => $"{personId}-f{++_next}";
    }
}
