namespace Muster.Cli.Server.Operations;

/// <summary>
/// The settings of GET /metrics, bound from "Muster:Metrics" (e.g. Muster__Metrics__AllowFrom__0=10.20.0.0/16).
/// Expose it to the monitoring network only (docs/operations.md).
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Muster:Metrics";

    /// <summary>false: no /metrics at all (404), and no metrics are collected.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The networks (CIDR, e.g. "10.20.0.0/16", or single addresses) that may scrape /metrics; others get 404.
    /// Empty: anyone who reaches the port. Behind a proxy the proxy's address is what counts.
    /// </summary>
    public string[] AllowFrom { get; set; } = [];

    /// <summary>How often the gauges that need a query (sweeper lag, outbox depth, ...) are sampled.</summary>
    public double SampleSeconds { get; set; } = 15;
}
