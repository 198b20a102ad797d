using Muster.Core.Border;

namespace Muster.Core.Tests.Border;

/// <summary>
/// An independent, deliberately naive re-implementation of the Doc 9303 check digit for the tests,
/// so the parser is not checked against itself.
/// </summary>
internal static class IcaoOracle
{
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";

    public static int Value(char c) => c == '<' ? 0 : char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;

    public static int CheckDigit(string data)
    {
        int[] weights = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < data.Length; i++)
        {
            sum += Value(data[i]) * weights[i % 3];
        }

        return sum % 10;
    }

    public static char CheckChar(string data) => (char)('0' + CheckDigit(data));

    /// <summary>Whether two characters are indistinguishable to every 7-3-1 check digit (values equal mod 10).</summary>
    public static bool SameCheckValue(char a, char b) => (Value(a) - Value(b)) % 10 == 0;

    /// <summary>Every check digit of the lines holds (Doc 9303 parts 4-6), recomputed from scratch.</summary>
    public static bool AllChecksHold(MrzFormat format, IReadOnlyList<string> l) => format switch
    {
        MrzFormat.Td3 =>
            Holds(l[1][..9], l[1][9]) && Holds(l[1][13..19], l[1][19]) && Holds(l[1][21..27], l[1][27]) &&
            (Holds(l[1][28..42], l[1][42]) || (l[1][42] == '<' && l[1][28..42].All(c => c == '<'))) &&
            Holds(l[1][..10] + l[1][13..20] + l[1][21..43], l[1][43]),
        MrzFormat.Td2 =>
            DocumentNumberHolds(l[1][..9], l[1][9], l[1][28..35]) && Holds(l[1][13..19], l[1][19]) &&
            Holds(l[1][21..27], l[1][27]) && Holds(l[1][..10] + l[1][13..20] + l[1][21..35], l[1][35]),
        MrzFormat.Td1 =>
            DocumentNumberHolds(l[0][5..14], l[0][14], l[0][15..30]) && Holds(l[1][..6], l[1][6]) &&
            Holds(l[1][8..14], l[1][14]) && Holds(l[0][5..30] + l[1][..7] + l[1][8..15] + l[1][18..29], l[1][29]),
        _ => false,
    };

    private static bool Holds(string data, char check) => char.IsAsciiDigit(check) && CheckDigit(data) == check - '0';

    private static bool DocumentNumberHolds(string head, char check, string optional)
    {
        if (check != '<')
        {
            return Holds(head, check);
        }

        var continuation = new string(optional.TakeWhile(c => c != '<').ToArray());
        return continuation.Length >= 2 && Holds(head + continuation[..^1], continuation[^1]);
    }
}
