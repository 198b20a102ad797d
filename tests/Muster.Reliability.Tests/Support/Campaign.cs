using System.Globalization;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// How hard the suites try. The defaults are the short CI mode that `./test.sh` runs; the environment
/// variables below make long campaigns (docs/reliability.md, "Long modes").
/// </summary>
public static class Campaign
{
    /// <summary>MUSTER_SOAK_SECONDS: how long the soak test runs its mixed load (CI 120; the long mode 1800).</summary>
    public static int SoakSeconds => Number("MUSTER_SOAK_SECONDS", 120);

    /// <summary>MUSTER_FAULT_KILLS: how many times each fault test SIGKILLs `muster serve` under load.</summary>
    public static int Kills => Number("MUSTER_FAULT_KILLS", 3);

    /// <summary>MUSTER_FUZZ_INPUTS: inputs per hostile-input campaign (each endpoint, parser or query parameter).</summary>
    public static int FuzzInputs => Number("MUSTER_FUZZ_INPUTS", 300);

    /// <summary>MUSTER_CONCURRENCY_OPS: operations the concurrent clients send to one person, in all.</summary>
    public static int ConcurrencyOps => Number("MUSTER_CONCURRENCY_OPS", 160);

    /// <summary>MUSTER_FUZZ_SEED: replays a hostile-input campaign (every failure message names the seed it ran with).</summary>
    public static int Seed { get; } = Number("MUSTER_FUZZ_SEED", Random.Shared.Next(1, int.MaxValue));

    /// <summary>
    /// One seed from a campaign's parts, the same in every process. HashCode.Combine is randomized per
    /// process, so seeds made with it never replayed: a failure found with MUSTER_FUZZ_SEED=68863 passed
    /// when run again with it. (SplitMix64's finalizer.)
    /// </summary>
    public static int Mix(int a, int b)
    {
        var z = unchecked(((ulong)(uint)a << 32 | (uint)b) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(z ^ (z >> 31)));
    }

    /// <summary>A string's hash, the same in every process (string.GetHashCode is randomized per process).</summary>
    public static int Mix(string text, int b) => Mix(text.Aggregate(17, (h, c) => unchecked((h * 31) + c)), b);

    private static int Number(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
