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

    private static int Number(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
}
