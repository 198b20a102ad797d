using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Muster.Cli.Portal.Rendering;

/// <summary>
/// Instants as the person lives them: the local date and time in the zone of their region, with the
/// zone's name and offset, in the page's language. Legal deadlines are local days, so they are shown so.
/// </summary>
public static class LocalTime
{
    /// <summary>"5 March 2026, 10:00" / "5 марта 2026, 10:00".</summary>
    public static string Format(Instant at, DateTimeZone zone) => Format(at.InZone(zone).LocalDateTime);

    public static string Format(LocalDateTime local) =>
        LocalDateTimePattern.Create("d MMMM uuuu, HH:mm", CultureInfo.CurrentCulture).Format(local);

    public static string Date(LocalDate date) =>
        LocalDatePattern.Create("d MMMM uuuu", CultureInfo.CurrentCulture).Format(date);

    /// <summary>"Europe/Kaliningrad, UTC+2" at that instant.</summary>
    public static string Zone(DateTimeZone zone, Instant at) =>
        $"{zone.Id}, UTC{OffsetPattern.CreateWithInvariantCulture("+H:mm").Format(zone.GetUtcOffset(at)).Replace(":00", "", StringComparison.Ordinal)}";

    /// <summary>"5 March 2026, 10:00 (Europe/Kaliningrad, UTC+2)".</summary>
    public static string WithZone(Instant at, DateTimeZone zone) => $"{Format(at, zone)} ({Zone(zone, at)})";

    /// <summary>A machine-readable instant for &lt;time datetime&gt;.</summary>
    public static string Iso(Instant at) => InstantPattern.ExtendedIso.Format(at);

    /// <summary>"in 5 days 3 hours" / "через 5 дн. 3 ч."; "now" when it is due.</summary>
    public static string Countdown(Duration left, Text.PortalText text)
    {
        if (left <= Duration.Zero)
        {
            return text["now"];
        }

        var days = (long)Math.Floor(left.TotalDays);
        var hours = left.Hours;
        var minutes = left.Minutes;
        var parts = new List<string>();
        if (days > 0)
        {
            parts.Add(text.Format("{0} d", days));
        }

        if (hours > 0 || days > 0)
        {
            parts.Add(text.Format("{0} h", hours));
        }

        if (days == 0)
        {
            parts.Add(text.Format("{0} min", minutes));
        }

        return text.Format("in {0}", string.Join(" ", parts));
    }
}
