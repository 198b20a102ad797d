using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// Local-day arithmetic in a person's zone, the only place the evaluator converts between instants
/// and local dates. Answers equal NodaTime's (<see cref="DateTimeZone.AtStartOfDay"/>,
/// <c>InZone(..).Date</c>) but are cheaper: each thread remembers the last zone interval it used,
/// and inside it (every Russian zone has had one fixed offset since 2016) a conversion is plain
/// arithmetic. Near an offset transition we ask NodaTime.
/// </summary>
public static class LegalClock
{
    private static readonly Duration Margin = Duration.FromDays(2);

    [ThreadStatic]
    private static DateTimeZone? t_zone;

    [ThreadStatic]
    private static Instant t_start;

    [ThreadStatic]
    private static Instant t_end;

    [ThreadStatic]
    private static Offset t_offset;

    public static Instant StartOfDay(DateTimeZone zone, LocalDate date)
    {
        var asUtc = date.AtMidnight().InUtc().ToInstant();
        if (!Covers(zone, asUtc))
        {
            Load(zone, asUtc);
        }

        // Far from both ends of the interval, midnight maps to exactly one instant with its offset.
        var candidate = asUtc - Duration.FromSeconds(t_offset.Seconds);
        if (candidate - Margin < t_start || candidate + Margin >= t_end)
        {
            return zone.AtStartOfDay(date).ToInstant();
        }

        return candidate;
    }

    public static LocalDate DateOf(DateTimeZone zone, Instant instant)
    {
        if (!Covers(zone, instant))
        {
            Load(zone, instant);
        }

        return instant.WithOffset(t_offset).Date;
    }

    private static bool Covers(DateTimeZone zone, Instant instant) =>
        ReferenceEquals(zone, t_zone) && instant >= t_start && instant < t_end;

    private static void Load(DateTimeZone zone, Instant instant)
    {
        var interval = zone.GetZoneInterval(instant);
        t_zone = zone;
        t_start = interval.HasStart ? interval.Start : Instant.MinValue;
        t_end = interval.HasEnd ? interval.End : Instant.MaxValue;
        t_offset = interval.WallOffset;
    }
}
