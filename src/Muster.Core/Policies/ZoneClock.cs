using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// Local-day arithmetic in one zone, remembering the zone interval it used last. Inside an interval
/// (every Russian zone has had one fixed offset since 2016) a conversion is plain arithmetic; near
/// an offset transition it asks NodaTime. The evaluator keeps one on its stack per evaluation and
/// passes it by reference, so the hot path touches no thread-local state; <see cref="LegalClock"/>
/// keeps one per thread for everyone else.
/// </summary>
internal struct ZoneClock(DateTimeZone zone)
{
    private const long TicksPerDay = 864_000_000_000L;
    private const long TicksPerSecond = 10_000_000L;
    private const long MarginTicks = 2 * TicksPerDay;

    private long _startTicks;
    private long _endTicks = long.MinValue; // empty until the first conversion loads an interval
    private long _offsetTicks;

    public DateTimeZone Zone { get; private set; } = zone;

    /// <summary>The local day on which an instant falls.</summary>
    public int DayOf(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        if (ticks < _startTicks || ticks >= _endTicks)
        {
            Load(instant);
        }

        return FloorDiv(ticks + _offsetTicks);
    }

    /// <summary>The first instant of a local day (the instant after a gap, as NodaTime does).</summary>
    public Instant StartOfDay(int day)
    {
        var midnightAsUtc = day * TicksPerDay;
        if (midnightAsUtc < _startTicks || midnightAsUtc >= _endTicks)
        {
            Load(Instant.FromUnixTimeTicks(midnightAsUtc));
        }

        // Far from both ends of the interval, midnight maps to exactly one instant with its offset.
        var candidate = midnightAsUtc - _offsetTicks;
        if (candidate - MarginTicks < _startTicks || candidate + MarginTicks >= _endTicks)
        {
            return Zone.AtStartOfDay(LegalClock.DateOfDay(day)).ToInstant();
        }

        return Instant.FromUnixTimeTicks(candidate);
    }

    /// <summary>A clock for <paramref name="zone"/> with the interval around <paramref name="instant"/> already loaded.</summary>
    public static ZoneClock Around(DateTimeZone zone, Instant instant)
    {
        var clock = new ZoneClock(zone);
        clock.Load(instant);
        return clock;
    }

    /// <summary>Points this clock at another zone (forgetting the interval) unless it is there already.</summary>
    public void Use(DateTimeZone zone)
    {
        if (!ReferenceEquals(zone, Zone))
        {
            Zone = zone;
            _endTicks = long.MinValue;
        }
    }

    private void Load(Instant instant)
    {
        var interval = Zone.GetZoneInterval(instant);
        _startTicks = interval.HasStart ? interval.Start.ToUnixTimeTicks() : long.MinValue;
        _endTicks = interval.HasEnd ? interval.End.ToUnixTimeTicks() : long.MaxValue;
        _offsetTicks = interval.WallOffset.Seconds * TicksPerSecond;
    }

    private static int FloorDiv(long localTicks) =>
        (int)(localTicks >= 0 ? localTicks / TicksPerDay : ((localTicks + 1) / TicksPerDay) - 1);
}
