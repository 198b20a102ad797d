using Muster.Core.Facts;
using NodaTime;

namespace Muster.Core.Tests.Support;

/// <summary>
/// Random but plausible histories for property tests: a person in one of four zones, one to three
/// summonses, and any mix of openings, hand-overs, mail, cancellations, valid reasons, appearances,
/// deferments and retractions, some recorded late. Driven by a seed so FsCheck can report it.
/// </summary>
internal static class RandomHistory
{
    private static readonly string[] Regions = ["RU-KGD", "RU-MOW", "RU-SAM", "RU-KAM"];
    public static readonly Instant Origin = Instant.FromUtc(2026, 1, 5, 0, 0);

    public static List<Fact> Generate(int seed)
    {
        var rng = new Random(seed);
        var h = new History("p" + (seed & 0xffff), Regions[rng.Next(Regions.Length)]);
        var zone = ShippedPolicies.Russia.ZoneOf(((PersonRegistered)h.Facts[0]).Region)!;
        var summonses = rng.Next(1, 4);
        for (var s = 0; s < summonses; s++)
        {
            var id = "s" + s;
            var placed = Origin + Duration.FromSeconds(rng.Next(0, 40 * 86400));
            var appear = placed.InZone(zone).Date.PlusDays(rng.Next(0, 26)).At(new LocalTime(10, 0));
            h.Placed(id, Text(placed), $"{appear:uuuu-MM-dd'T'HH:mm}", recorded: Text(placed + Late(rng)));
            if (rng.NextDouble() < 0.5) h.Opened(id, Text(placed + Duration.FromSeconds(rng.Next(0, 10 * 86400))), recorded: Text(placed + Duration.FromDays(11) + Late(rng)));
            if (rng.NextDouble() < 0.2) h.Handed(id, Text(placed + Duration.FromSeconds(rng.Next(0, 10 * 86400))));
            if (rng.NextDouble() < 0.2) h.MailDelivered(id, Text(placed + Duration.FromSeconds(rng.Next(0, 12 * 86400))));
            if (rng.NextDouble() < 0.15) h.Cancelled(id, Text(placed + Duration.FromSeconds(rng.Next(-86400, 40 * 86400))));
            if (rng.NextDouble() < 0.15) h.ValidReason(id, Text(placed + Duration.FromSeconds(rng.Next(0, 40 * 86400))), rng.NextDouble() < 0.5 ? "office" : "portal");
        }

        if (rng.NextDouble() < 0.4)
        {
            h.Appeared(Text(Origin + Duration.FromSeconds(rng.Next(0, 70 * 86400))), recorded: null);
        }

        if (rng.NextDouble() < 0.15)
        {
            var from = Origin.InUtc().Date.PlusDays(rng.Next(0, 60));
            h.Deferment($"{from:uuuu-MM-dd}", $"{from.PlusDays(rng.Next(0, 90)):uuuu-MM-dd}", Text(Origin + Duration.FromDays(rng.Next(0, 60))));
        }

        var retractions = rng.NextDouble() < 0.25 ? rng.Next(1, 3) : 0;
        for (var r = 0; r < retractions; r++)
        {
            var target = h.Facts[rng.Next(1, h.Facts.Length)];
            h.Retract(target.Id, Text(target.RecordedAt + Duration.FromSeconds(rng.Next(1, 20 * 86400))));
        }

        return [.. h.Facts];
    }

    /// <summary>A random instant over the whole span the histories cover, for sampling.</summary>
    public static Instant SampleInstant(Random rng) => Origin + Duration.FromSeconds(rng.Next(-86400, 140 * 86400));

    private static Duration Late(Random rng) => rng.NextDouble() < 0.2 ? Duration.FromSeconds(rng.Next(1, 3 * 86400)) : Duration.Zero;

    private static string Text(Instant i) => NodaTime.Text.InstantPattern.ExtendedIso.Format(i);
}
