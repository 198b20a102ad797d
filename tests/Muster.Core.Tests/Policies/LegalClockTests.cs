using FsCheck;
using FsCheck.Xunit;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Core.Tests.Policies;

/// <summary>The allocation-free start-of-day agrees with NodaTime's own, including zones with transitions at midnight.</summary>
public sealed class LegalClockTests
{
    private static readonly string[] Zones =
    [
        "Europe/Kaliningrad", "Europe/Moscow", "Asia/Kamchatka", "Europe/Volgograd", "America/Sao_Paulo",
        "America/Havana", "Asia/Beirut", "America/Santiago", "Europe/London", "Pacific/Apia", "Asia/Gaza",
    ];

    [Property(MaxTest = 2000)]
    public bool Start_of_day_matches_NodaTime(int zoneIndex, int dayOffset)
    {
        var zone = DateTimeZoneProviders.Tzdb[Zones[(zoneIndex & int.MaxValue) % Zones.Length]];
        var date = new LocalDate(1990, 1, 1).PlusDays((dayOffset & int.MaxValue) % (365 * 50));
        return LegalClock.StartOfDay(zone, date) == zone.AtStartOfDay(date).ToInstant();
    }

    [Fact]
    public void Every_day_of_the_Moscow_1991_to_2030_calendar_matches()
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Moscow"];
        for (var d = new LocalDate(1991, 1, 1); d < new LocalDate(2030, 1, 1); d = d.PlusDays(1))
        {
            Assert.Equal(zone.AtStartOfDay(d).ToInstant(), LegalClock.StartOfDay(zone, d));
        }
    }
}

public sealed class LegalClockDateOfTests
{
    private static readonly string[] Zones = ["Europe/Moscow", "America/Sao_Paulo", "Asia/Kamchatka", "Europe/London", "Pacific/Apia"];

    [Property(MaxTest = 3000)]
    public bool Date_of_an_instant_matches_NodaTime_whatever_zone_was_used_before(int zoneIndex, int seconds, int previousZone)
    {
        // Alternate zones so the per-thread cache is exercised across switches.
        var before = DateTimeZoneProviders.Tzdb[Zones[(previousZone & int.MaxValue) % Zones.Length]];
        _ = LegalClock.DateOf(before, Instant.FromUnixTimeSeconds(seconds));
        var zone = DateTimeZoneProviders.Tzdb[Zones[(zoneIndex & int.MaxValue) % Zones.Length]];
        var instant = Instant.FromUnixTimeSeconds(seconds);
        return LegalClock.DateOf(zone, instant) == instant.InZone(zone).Date;
    }
}

public sealed class LegalClockDayNumberTests
{
    [Property(MaxTest = 5000)]
    public bool Day_numbers_are_days_since_1970_and_round_trip(int seed)
    {
        // Any date of years 1..9999: the integer formula agrees with NodaTime's own day count.
        var date = new LocalDate(1, 1, 1).PlusDays((seed & int.MaxValue) % 3_652_059);
        var day = LegalClock.DayNumber(date);
        return day == Period.Between(new LocalDate(1970, 1, 1), date, PeriodUnits.Days).Days
            && LegalClock.DateOfDay(day) == date;
    }
}
