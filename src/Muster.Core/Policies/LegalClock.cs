using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// Local-day arithmetic in a person's zone: the only place the evaluator converts between instants
/// and local days. A local day is a day number (days since 1970-01-01 on the local calendar), so
/// legal terms are integer additions. Answers equal NodaTime's (<see cref="DateTimeZone.AtStartOfDay"/>,
/// <c>InZone(..).Date</c>) but cost a few nanoseconds: each thread remembers the last zone interval it
/// used, and inside it (every Russian zone has had one fixed offset since 2016) a conversion is plain
/// arithmetic. Near an offset transition we ask NodaTime.
/// </summary>
public static class LegalClock
{
    private const long TicksPerDay = 864_000_000_000L;
    private const long TicksPerSecond = 10_000_000L;
    private const long MarginTicks = 2 * TicksPerDay;
    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>The zone interval this thread used last: one thread-static, so one TLS lookup per call.</summary>
    [ThreadStatic]
    private static CachedInterval t_cached;

    private struct CachedInterval
    {
        public DateTimeZone? Zone;
        public long StartTicks;
        public long EndTicks;
        public long OffsetTicks;

        public readonly bool Covers(DateTimeZone zone, long ticks) =>
            ReferenceEquals(zone, Zone) && ticks >= StartTicks && ticks < EndTicks;

        public void Load(DateTimeZone zone, Instant instant)
        {
            var interval = zone.GetZoneInterval(instant);
            Zone = zone;
            StartTicks = interval.HasStart ? interval.Start.ToUnixTimeTicks() : long.MinValue;
            EndTicks = interval.HasEnd ? interval.End.ToUnixTimeTicks() : long.MaxValue;
            OffsetTicks = interval.WallOffset.Seconds * TicksPerSecond;
        }
    }

    /// <summary>The local day (days since 1970-01-01) of a local date.</summary>
    public static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber - UnixEpochDayNumber;

    /// <summary>The local date of a local day number.</summary>
    public static LocalDate DateOfDay(int day) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(day + UnixEpochDayNumber));

    /// <summary>The local day on which an instant falls in the zone.</summary>
    public static int DayOf(DateTimeZone zone, Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        ref var cached = ref t_cached;
        if (!cached.Covers(zone, ticks))
        {
            cached.Load(zone, instant);
        }

        return FloorDiv(ticks + cached.OffsetTicks);
    }

    /// <summary>The first instant of a local day in the zone (the instant after a gap, as NodaTime does).</summary>
    public static Instant StartOfDay(DateTimeZone zone, int day)
    {
        var midnightAsUtc = day * TicksPerDay;
        ref var cached = ref t_cached;
        if (!cached.Covers(zone, midnightAsUtc))
        {
            cached.Load(zone, Instant.FromUnixTimeTicks(midnightAsUtc));
        }

        // Far from both ends of the interval, midnight maps to exactly one instant with its offset.
        var candidate = midnightAsUtc - cached.OffsetTicks;
        if (candidate - MarginTicks < cached.StartTicks || candidate + MarginTicks >= cached.EndTicks)
        {
            return zone.AtStartOfDay(DateOfDay(day)).ToInstant();
        }

        return Instant.FromUnixTimeTicks(candidate);
    }

    public static Instant StartOfDay(DateTimeZone zone, LocalDate date) => StartOfDay(zone, DayNumber(date));

    public static LocalDate DateOf(DateTimeZone zone, Instant instant) => DateOfDay(DayOf(zone, instant));

    private static int FloorDiv(long localTicks) =>
        (int)(localTicks >= 0 ? localTicks / TicksPerDay : ((localTicks + 1) / TicksPerDay) - 1);
}
