using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// A resolved anchor: an instant and the local day (see <see cref="LegalClock"/>) it falls on in the
/// person's zone. A date anchor (an appearance date) has the start of that local day as its instant.
/// </summary>
public readonly record struct AnchorPoint(Instant Instant, int LocalDay)
{
    public LocalDate Date => LegalClock.DateOfDay(LocalDay);

    public static AnchorPoint AtInstant(Instant instant, DateTimeZone zone) =>
        new(instant, LegalClock.DayOf(zone, instant));

    public static AnchorPoint AtDate(LocalDate date, DateTimeZone zone) => AtDay(LegalClock.DayNumber(date), zone);

    public static AnchorPoint AtDay(int day, DateTimeZone zone) => new(LegalClock.StartOfDay(zone, day), day);

    internal static AnchorPoint AtInstant(Instant instant, ref ZoneClock clock) => new(instant, clock.DayOf(instant));

    internal static AnchorPoint AtDate(LocalDate date, ref ZoneClock clock) => AtDay(LegalClock.DayNumber(date), ref clock);

    internal static AnchorPoint AtDay(int day, ref ZoneClock clock) => new(clock.StartOfDay(day), day);

    /// <summary>The later of two anchors, compared by local day then instant.</summary>
    public static AnchorPoint Later(AnchorPoint a, AnchorPoint b) =>
        a.LocalDay > b.LocalDay || (a.LocalDay == b.LocalDay && a.Instant >= b.Instant) ? a : b;
}
