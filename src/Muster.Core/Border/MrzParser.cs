using NodaTime;

namespace Muster.Core.Border;

/// <summary>
/// Reads an ICAO Doc 9303 machine-readable zone (TD1, TD2 or TD3) as a document reader sends it.
/// Never throws: whatever the input, the answer is an <see cref="MrzParseResult"/>.
/// </summary>
public static class MrzParser
{
    /// <summary>More than any MRZ plus generous line breaks and padding; longer input is refused unread.</summary>
    public const int MaxInputLength = 512;

    /// <summary>
    /// Parses <paramref name="text"/>: 2 lines of 44 (TD3), 3 of 30 (TD1) or 2 of 36 (TD2),
    /// separated by "\n", "\r\n" or "\r", or concatenated into one line of 88, 90 or 72 characters;
    /// surrounding whitespace and blank lines are ignored. Two-digit years are resolved against
    /// <paramref name="referenceDate"/> (normally today at the border post): birth dates into the
    /// 100 years ending on it, expiry dates into the window from 49 years before to 50 after its year.
    /// </summary>
    public static MrzParseResult Parse(string? text, LocalDate referenceDate)
    {
        if (referenceDate.Calendar != CalendarSystem.Iso)
        {
            return MrzParseResult.Invalid("referenceDate", "must be an ISO calendar date");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return MrzParseResult.Invalid("mrz", "is empty");
        }

        if (text.Length > MaxInputLength)
        {
            return MrzParseResult.Invalid("mrz", $"is {text.Length} characters long; an MRZ has at most 90");
        }

        var lines = MrzText.Lines(text);
        var alphabet = MrzText.AlphabetProblems(lines);
        if (alphabet.Count > 0)
        {
            return MrzParseResult.Invalid(alphabet);
        }

        var slices = Slice(lines);
        return slices is null
            ? MrzParseResult.Invalid("mrz", $"expected 2 lines of 44 (TD3), 3 of 30 (TD1) or 2 of 36 (TD2), found {MrzText.Shape(lines)}")
            : MrzFieldReader.Read(slices, referenceDate);
    }

    private static MrzSlices? Slice(IReadOnlyList<string> lines) => lines.Select(l => l.Length).ToArray() switch
    {
        [44, 44] => MrzSlices.Td3(lines[0], lines[1]),
        [30, 30, 30] => MrzSlices.Td1(lines[0], lines[1], lines[2]),
        [36, 36] => MrzSlices.Td2(lines[0], lines[1]),
        [88] => MrzSlices.Td3(lines[0][..44], lines[0][44..]),
        [90] => MrzSlices.Td1(lines[0][..30], lines[0][30..60], lines[0][60..]),
        [72] => MrzSlices.Td2(lines[0][..36], lines[0][36..]),
        _ => null,
    };
}
