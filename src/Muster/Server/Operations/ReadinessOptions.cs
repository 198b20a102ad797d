namespace Muster.Cli.Server.Operations;

/// <summary>
/// The settings of GET /readyz, bound from "Muster:Readiness" (e.g. the environment variable
/// Muster__Readiness__MaxSweeperLagSeconds=600). See docs/operations.md.
/// </summary>
public sealed class ReadinessOptions
{
    public const string Section = "Muster:Readiness";

    /// <summary>How long the store has to answer the probe (connecting, and each query).</summary>
    public double TimeoutSeconds { get; set; } = 2;

    /// <summary>
    /// The oldest status whose next change has come and that the sweeper has not re-evaluated may be this
    /// late before the node is not ready. 0 or less: reported, never failing.
    /// </summary>
    public double MaxSweeperLagSeconds { get; set; } = 300;

    /// <summary>The Retry-After of a 503.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// A probe's answer is reused this long: /readyz is anonymous and not rate limited, so a flood of
    /// calls must not become a flood of queries.
    /// </summary>
    public double CacheSeconds { get; set; } = 1;
}
