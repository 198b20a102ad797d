using NodaTime;

namespace Muster.Core.Serialization;

/// <summary>
/// The canonical text of instants ("2026-03-05T09:30:00Z", with up to nine fraction digits when the
/// instant has a fraction) and local dates ("2026-03-05"), written and read by hand: a bulk import
/// reads and writes millions of them, and NodaTime's general patterns allocate on every call. These
/// methods only handle exactly the canonical form and say so; everything else goes to the patterns in
/// <see cref="TimeFormats"/>, which stay the definition (tests check the two agree).
/// </summary>
internal static class CanonicalTime
{
    /// <summary>Longest canonical instant: "uuuu-MM-ddTHH:mm:ss.fffffffffZ".</summary>
    public const int MaxInstantLength = 30;

    /// <summary>Writes the canonical text of an instant in years 1000-9999; false (nothing written) otherwise.</summary>
    public static bool TryFormat(Instant instant, Span<char> output, out int written)
    {
        written = 0;
        var local = instant.InUtc().LocalDateTime;
        if (local.Year is < 1000 or > 9999 || output.Length < MaxInstantLength)
        {
            return false;
        }

        WriteDate(local.Date, output);
        output[10] = 'T';
        Two(output[11..], local.Hour);
        output[13] = ':';
        Two(output[14..], local.Minute);
        output[16] = ':';
        Two(output[17..], local.Second);
        var n = 19;
        var fraction = local.NanosecondOfSecond;
        if (fraction != 0)
        {
            output[n++] = '.';
            var digits = 9;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }

            for (var i = digits - 1; i >= 0; i--)
            {
                output[n + i] = (char)('0' + (fraction % 10));
                fraction /= 10;
            }

            n += digits;
        }

        output[n++] = 'Z';
        written = n;
        return true;
    }

    /// <summary>Writes "uuuu-MM-dd" for a date in years 1000-9999; false otherwise.</summary>
    public static bool TryFormat(LocalDate date, Span<char> output)
    {
        if (date.Year is < 1000 or > 9999 || output.Length < 10)
        {
            return false;
        }

        WriteDate(date, output);
        return true;
    }

    /// <summary>Reads exactly "uuuu-MM-ddTHH:mm:ss[.f…]Z" (one to nine fraction digits) for a valid date and time.</summary>
    public static bool TryParseInstant(ReadOnlySpan<char> text, out Instant instant)
    {
        instant = default;
        if (text.Length is < 20 or > MaxInstantLength || text[^1] != 'Z' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryParseDate(text[..10], out var date)
            || !TryDigits(text.Slice(11, 2), out var hour) || hour > 23
            || !TryDigits(text.Slice(14, 2), out var minute) || minute > 59
            || !TryDigits(text.Slice(17, 2), out var second) || second > 59)
        {
            return false;
        }

        long nanoseconds = 0;
        if (text.Length > 20)
        {
            var digits = text[20..^1];
            if (text[19] != '.' || digits.Length is 0 or > 9 || !TryDigits(digits, out var fraction))
            {
                return false;
            }

            nanoseconds = fraction;
            for (var i = digits.Length; i < 9; i++)
            {
                nanoseconds *= 10;
            }
        }

        instant = date.At(new LocalTime(hour, minute, second)).InUtc().ToInstant() + Duration.FromNanoseconds(nanoseconds);
        return true;
    }

    /// <summary>Reads exactly "uuuu-MM-dd" for a valid date in years 1000-9999.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> text, out LocalDate date)
    {
        date = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || year < 1000
            || !TryDigits(text.Slice(5, 2), out var month) || month is < 1 or > 12
            || !TryDigits(text.Slice(8, 2), out var day) || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }

        date = new LocalDate(year, month, day);
        return true;
    }

    private static void WriteDate(LocalDate date, Span<char> output)
    {
        Two(output, date.Year / 100);
        Two(output[2..], date.Year % 100);
        output[4] = '-';
        Two(output[5..], date.Month);
        output[7] = '-';
        Two(output[8..], date.Day);
    }

    private static void Two(Span<char> output, int value)
    {
        output[0] = (char)('0' + (value / 10));
        output[1] = (char)('0' + (value % 10));
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
