using NodaTime;
using NodaTime.Text;

namespace Muster.Core.Serialization;

/// <summary>
/// The text forms of time in the fact format and the API: instants in ISO-8601 UTC, local dates and
/// times — each within the years <see cref="Earliest"/> to <see cref="Latest"/>.
/// </summary>
public static class TimeFormats
{
    /// <summary>
    /// The first and last dates accepted anywhere. Legal-day arithmetic counts days as DateOnly does
    /// (years 1 to 9999), in zones up to a day from UTC and with terms added: a fact dated at the edge of
    /// that calendar would make every evaluation of its person fail. No register needs such dates.
    /// </summary>
    public static readonly LocalDate Earliest = new(1000, 1, 1);

    /// <inheritdoc cref="Earliest"/>
    public static readonly LocalDate Latest = new(8999, 12, 31);

    /// <summary>"(between 1000-01-01 and 8999-12-31)", for messages.</summary>
    public static string Range => $"(between {Format(Earliest)} and {Format(Latest)})";

    internal static bool InRange(LocalDate date) => date >= Earliest && date <= Latest;

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

        if (CanonicalTime.TryParseInstant(text, out instant))
        {
            return InRange(instant.InUtc().Date);
        }

        var result = OffsetPattern.Parse(text);
        if (!result.Success)
        {
            return false;
        }

        instant = result.Value.ToInstant();
        return InRange(instant.InUtc().Date);
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
        return result.Success && InRange(value.Date);
    }

    public static bool TryParseDate(string? text, out LocalDate value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (CanonicalTime.TryParseDate(text, out value))
        {
            return InRange(value);
        }

        var result = LocalDatePattern.Iso.Parse(text);
        value = result.Success ? result.Value : default;
        return result.Success && InRange(value);
    }

    public static string Format(Instant instant)
    {
        Span<char> text = stackalloc char[CanonicalTime.MaxInstantLength];
        return CanonicalTime.TryFormat(instant, text, out var length) ? new string(text[..length]) : InstantPattern.ExtendedIso.Format(instant);
    }

    public static string Format(LocalDate date)
    {
        Span<char> text = stackalloc char[10];
        return CanonicalTime.TryFormat(date, text) ? new string(text) : LocalDatePattern.Iso.Format(date);
    }

    public static string Format(LocalDateTime value) =>
        value.Second == 0 && value.NanosecondOfSecond == 0 ? MinutePattern.Format(value) : SecondPattern.Format(value);
}
