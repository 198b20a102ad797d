namespace Muster.Cli.Server.Operations;

/// <summary>The body of GET /readyz: "ready" or "not ready", when, and each check with its state.</summary>
public sealed record ReadinessReport(string Status, string CheckedAt, IReadOnlyList<ReadinessCheck> Checks)
{
    public const string Ready = "ready";
    public const string NotReady = "not ready";

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsReady => Status == Ready;
}

/// <summary>
/// One check: its name, "ok", "failing" or "unknown" (it could not be made: the store was not reached),
/// a sentence for the operator; for the sweeper lag also the seconds and the threshold.
/// </summary>
public sealed record ReadinessCheck(string Name, string State, string Detail, double? Seconds = null, double? ThresholdSeconds = null)
{
    public const string Ok = "ok";
    public const string Failing = "failing";
    public const string Unknown = "unknown";
}
