using NodaTime;
using NodaTime.Text;

namespace Muster.Core.Serialization;

/// <summary>The text forms of time in the fact format and the API: instants in ISO-8601 UTC, local dates and times.</summary>
public static class TimeFormats
{
    private static readonly OffsetDateTimePattern OffsetPattern = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern MinutePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalDateTimePattern SecondPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    public static bool TryParseInstant(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var result = OffsetPattern.Parse(text);
        if (!result.Success)
        {
            return false;
        }

        instant = result.Value.ToInstant();
        return true;
    }

    public static bool TryParseLocalDateTime(string? text, out LocalDateTime value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var result = MinutePattern.Parse(text);
        if (!result.Success)
        {
            result = SecondPattern.Parse(text);
        }

        value = result.Success ? result.Value : default;
        return result.Success;
    }

    public static bool TryParseDate(string? text, out LocalDate value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var result = LocalDatePattern.Iso.Parse(text);
        value = result.Success ? result.Value : default;
        return result.Success;
    }

    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string Format(LocalDateTime value) =>
        value.Second == 0 && value.NanosecondOfSecond == 0 ? MinutePattern.Format(value) : SecondPattern.Format(value);
}
