using System.Globalization;
using System.Text.RegularExpressions;

namespace Muster.Api.Tests.Support;

/// <summary>Reads the Prometheus text format as a scraper would: the sum of one metric's samples whose labels match.</summary>
public static partial class PrometheusText
{
    public static double Sum(string body, string metric, params (string Label, string Value)[] labels)
    {
        double sum = 0;
        foreach (Match m in Sample().Matches(body))
        {
            if (m.Groups["name"].Value != metric)
            {
                continue;
            }

            var found = Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            if (labels.All(l => found.TryGetValue(l.Label, out var v) && v == l.Value))
            {
                sum += double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    public static bool Has(string body, string metric) => Sample().Matches(body).Any(m => m.Groups["name"].Value == metric);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Label();
}
