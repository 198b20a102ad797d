using NodaTime;

namespace Muster.Core.Border;

/// <summary>
/// Turns two-digit MRZ years into full years against a reference date the caller passes in (the
/// parser never reads a clock). The pivots:
/// <list type="bullet">
/// <item>birth: the latest century that does not put the date after the reference date, i.e. the
/// 100 years ending on the reference date (a person cannot be born in the future; someone over
/// 100 would be read 100 years too young, which no check can tell apart);</item>
/// <item>expiry: the 100-year window from 49 years before to 50 years after the reference year,
/// so recently expired documents read as expired and no document (valid at most ~10 years)
/// falls outside.</item>
/// </list>
/// </summary>
internal static class MrzDates
{
    public const int ExpiryYearsBack = 49;
    public const int ExpiryYearsAhead = 50;

    public static int CenturyStart(LocalDate reference) => reference.Year - (((reference.Year % 100) + 100) % 100);

    public static int BirthYear(int twoDigitYear, int? month, int? day, LocalDate reference)
    {
        var year = CenturyStart(reference) + twoDigitYear;
        var after = (year, month ?? 1, day ?? 1).CompareTo((reference.Year, reference.Month, reference.Day)) > 0;
        return after ? year - 100 : year;
    }

    public static int ExpiryYear(int twoDigitYear, LocalDate reference)
    {
        var year = CenturyStart(reference) + twoDigitYear;
        if (year > reference.Year + ExpiryYearsAhead)
        {
            return year - 100;
        }

        return year < reference.Year - ExpiryYearsBack ? year + 100 : year;
    }

    /// <summary>Whether the year/month/day exist in the ISO calendar, within the years NodaTime supports.</summary>
    public static bool Exists(int year, int? month, int? day)
    {
        if (year is < 1 or > 9999)
        {
            return false;
        }

        if (month is null)
        {
            return day is null or (>= 1 and <= 31);
        }

        if (month is < 1 or > 12)
        {
            return false;
        }

        return day is null || (day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month.Value));
    }
}
