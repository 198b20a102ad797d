using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// Local-day arithmetic in a person's zone: the only place Muster converts between instants and
/// local days. A local day is a day number (days since 1970-01-01 on the local calendar), so legal
/// terms are integer additions. Answers equal NodaTime's (<see cref="DateTimeZone.AtStartOfDay"/>,
/// <c>InZone(..).Date</c>) but cost a few nanoseconds (see <see cref="ZoneClock"/>, which this keeps
/// one of per thread).
/// </summary>
public static class LegalClock
{
    [ThreadStatic]
    private static ZoneClock t_clock;

    /// <summary>The local day (days since 1970-01-01) of a local date.</summary>
    public static int DayNumber(LocalDate date) => DaysFromCivil(date.Year, date.Month, date.Day);

    /// <summary>The local date of a local day number.</summary>
    public static LocalDate DateOfDay(int day) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(day + UnixEpochDayNumber));

    /// <summary>The local day on which an instant falls in the zone.</summary>
    public static int DayOf(DateTimeZone zone, Instant instant)
    {
        ref var clock = ref t_clock;
        clock.Use(zone);
        return clock.DayOf(instant);
    }

    /// <summary>The first instant of a local day in the zone (the instant after a gap, as NodaTime does).</summary>
    public static Instant StartOfDay(DateTimeZone zone, int day)
    {
        ref var clock = ref t_clock;
        clock.Use(zone);
        return clock.StartOfDay(day);
    }

    public static Instant StartOfDay(DateTimeZone zone, LocalDate date) => StartOfDay(zone, DayNumber(date));

    public static LocalDate DateOf(DateTimeZone zone, Instant instant) => DateOfDay(DayOf(zone, instant));

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>
    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): plain
    /// integer arithmetic, several times cheaper than building a DateOnly on the hot path.
    /// </summary>
    private static int DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097) + dayOfEra - 719468;
    }
}
