using System.Globalization;

namespace Muster.LoadClient;

/// <param name="Warmup">Seconds of each scenario before measuring: long enough for tiered compilation to reach its optimized code (a few seconds is not).</param>
/// <param name="ServerPid">The server's process, to read its CPU time from (0: not measured).</param>
public sealed record LoadOptions(Uri Url, string Key, int Persons, int Concurrency, double Seconds, int Rounds, double Warmup, int ServerPid)
{
    public static LoadOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i]] = args[i + 1];
        }

        string Get(string name, string fallback) => map.TryGetValue(name, out var v) ? v : fallback;
        return new LoadOptions(
            new Uri(Get("--url", "http://127.0.0.1:8080")),
            map.TryGetValue("--key", out var key) ? key : throw new ArgumentException("--key: a border key is required"),
            int.Parse(Get("--persons", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--concurrency", "16"), CultureInfo.InvariantCulture),
            double.Parse(Get("--seconds", "10"), CultureInfo.InvariantCulture),
            int.Parse(Get("--rounds", "2"), CultureInfo.InvariantCulture),
            double.Parse(Get("--warmup", "10"), CultureInfo.InvariantCulture),
            int.Parse(Get("--server-pid", "0"), CultureInfo.InvariantCulture));
    }
}
