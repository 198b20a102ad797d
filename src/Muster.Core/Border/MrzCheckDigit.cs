namespace Muster.Core.Border;

/// <summary>
/// The ICAO Doc 9303 (part 3, 4.9) check digit: character values ('&lt;' = 0, '0'-'9' = 0-9,
/// 'A'-'Z' = 10-35) weighted 7, 3, 1 repeating, summed, modulo 10.
/// </summary>
/// <remarks>
/// Because the sum is taken modulo 10, two characters whose values differ by a multiple of 10
/// ('0', 'A', 'K', 'U' and '&lt;'; '1', 'B', 'L', 'V'; ...) are indistinguishable to every check digit.
/// A substitution between them in an alphanumeric field passes all checks; see docs/border-mrz.md.
/// </remarks>
public static class MrzCheckDigit
{
    private static readonly int[] Weights = [7, 3, 1];

    /// <summary>True for the characters an MRZ may contain: A-Z, 0-9 and the filler '&lt;'.</summary>
    public static bool IsMrzCharacter(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '<';

    /// <summary>The value of one MRZ character, or -1 for a character outside the MRZ alphabet.</summary>
    public static int ValueOf(char c) => c switch
    {
        '<' => 0,
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>The check digit (0-9) over <paramref name="data"/>, or -1 if it holds a non-MRZ character.</summary>
    public static int Compute(ReadOnlySpan<char> data)
    {
        var sum = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var value = ValueOf(data[i]);
            if (value < 0)
            {
                return -1;
            }

            // Reduce as we go so a long input can never overflow (the build checks arithmetic).
            sum = (sum + (value * Weights[i % 3])) % 10;
        }

        return sum;
    }
}
