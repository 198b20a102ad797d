namespace Muster.Core.Border;

/// <summary>Splits reader output into MRZ lines and checks the alphabet before any field is looked at.</summary>
internal static class MrzText
{
    private const int MaxReportedCharacters = 5;

    /// <summary>Lines split on any of "\r\n", "\n", "\r", each trimmed, blank ones dropped.</summary>
    public static IReadOnlyList<string> Lines(string text) =>
        text.ReplaceLineEndings("\n")
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static IReadOnlyList<MrzProblem> AlphabetProblems(IReadOnlyList<string> lines)
    {
        var problems = new List<MrzProblem>();
        for (var l = 0; l < lines.Count && problems.Count < MaxReportedCharacters; l++)
        {
            var line = lines[l];
            for (var i = 0; i < line.Length && problems.Count < MaxReportedCharacters; i++)
            {
                if (!MrzCheckDigit.IsMrzCharacter(line[i]))
                {
                    problems.Add(new MrzProblem("mrz", $"line {l + 1}, position {i + 1}: {Describe(line[i])} is not an MRZ character (A-Z, 0-9, <)"));
                }
            }
        }

        return problems;
    }

    public static string Shape(IReadOnlyList<string> lines) =>
        lines.Count == 1 ? $"1 line of {lines[0].Length}" : $"{lines.Count} lines of {string.Join(", ", lines.Select(l => l.Length))}";

    // Control and invisible characters are shown by code point so the message stays printable.
    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || char.IsLowSurrogate(c)
            ? $"U+{(int)c:X4}"
            : $"'{c}'";
}
