using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// A resolved anchor: an instant and the local date it falls on in the person's zone.
/// A date anchor (appearance date) has the start of that local day as its instant.
/// </summary>
public readonly record struct AnchorPoint(Instant Instant, LocalDate Date)
{
    public static AnchorPoint AtInstant(Instant instant, DateTimeZone zone) =>
        new(instant, LegalClock.DateOf(zone, instant));

    public static AnchorPoint AtDate(LocalDate date, DateTimeZone zone) =>
        new(LegalClock.StartOfDay(zone, date), date);

    /// <summary>The later of two anchors, compared by local date then instant.</summary>
    public static AnchorPoint Later(AnchorPoint a, AnchorPoint b) =>
        a.Date > b.Date || (a.Date == b.Date && a.Instant >= b.Instant) ? a : b;
}
