using System.Text.RegularExpressions;

namespace Muster.Portal.Tests.Support;

/// <summary>The Moscow man stopped at Sheremetyevo, as `muster serve --demo` printed him: passport, birth date and the two lines of his MRZ.</summary>
public sealed partial record DemoTraveller(string Passport, string BirthDate, string MrzLine1, string MrzLine2)
{
    public string Mrz => MrzLine1 + "\n" + MrzLine2;

    public static DemoTraveller Moscow(string output)
    {
        var printed = PrintedPassport().Match(output);
        Assert.True(printed.Success, output);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var first = lines.FindIndex(l => l.StartsWith("P<RUS", StringComparison.Ordinal));
        Assert.True(first >= 0, output);
        return new DemoTraveller(printed.Groups[1].Value, printed.Groups[2].Value, lines[first], lines[first + 1]);
    }

    [GeneratedRegex(@"passport (\d+), RUS, born (\d{4}-\d{2}-\d{2})")]
    private static partial Regex PrintedPassport();
}
