using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// Local-day arithmetic in a person's zone. <see cref="StartOfDay"/> gives the same answer as
/// <see cref="DateTimeZone.AtStartOfDay"/> but without allocating on the evaluator's hot path:
/// far from any offset transition (every Russian zone since 2016) midnight maps to exactly one
/// instant, which we compute from the offset; near a transition we ask NodaTime.
/// </summary>
public static class LegalClock
{
    private static readonly Duration Margin = Duration.FromDays(2);

    public static Instant StartOfDay(DateTimeZone zone, LocalDate date)
    {
        var asUtc = date.AtMidnight().InUtc().ToInstant();
        var interval = zone.GetZoneInterval(asUtc);
        var candidate = asUtc - Duration.FromSeconds(interval.WallOffset.Seconds);
        if (interval.HasStart && interval.Start > candidate - Margin || interval.HasEnd && interval.End < candidate + Margin)
        {
            return zone.AtStartOfDay(date).ToInstant();
        }

        return candidate;
    }

    public static LocalDate DateOf(DateTimeZone zone, Instant instant) => instant.InZone(zone).Date;
}
