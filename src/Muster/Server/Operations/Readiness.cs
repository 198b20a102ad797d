using Microsoft.Extensions.Options;
using Muster.Core.Serialization;
using Muster.Storage;
using Muster.Storage.Health;
using NodaTime;

namespace Muster.Cli.Server.Operations;

/// <summary>
/// Whether this node should get traffic: the store answers a cheap query in time, its schema is the one
/// this program expects (another node may have migrated it further), and the propagation sweeper is not
/// too far behind (the oldest status whose next change has come and that is not re-evaluated yet). One
/// probe at a time; its answer is reused for <see cref="ReadinessOptions.CacheSeconds"/>.
/// </summary>
public sealed partial class Readiness(IStoreProbe probe, IClock clock, TimeProvider time, IOptions<ReadinessOptions> options, ILogger<Readiness> log)
{
    public const string StoreCheck = "store";
    public const string MigrationsCheck = "migrations";
    public const string SweeperLagCheck = "sweeperLag";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Timestamp, ReadinessReport Report)? _last;

    /// <summary>The sweeper lag the last probe saw, in seconds (null: not measured yet, or the store was not reached).</summary>
    public double? LastSweeperLagSeconds { get; private set; }

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } justProbed)
            {
                return justProbed;
            }

            var report = await ProbeAsync(cancellationToken);
            if (_last is { } previous && previous.Report.IsReady != report.IsReady)
            {
                LogChanged(log, report.Status, report.IsReady ? "none" : string.Join("; ", report.Checks.Where(c => c.State != ReadinessCheck.Ok).Select(c => $"{c.Name}: {c.Detail}")));
            }

            _last = (time.GetTimestamp(), report);
            MusterMetrics.Readiness(report.IsReady, LastSweeperLagSeconds);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ReadinessReport? Fresh() =>
        _last is { } last && time.GetElapsedTime(last.Timestamp).TotalSeconds < options.Value.CacheSeconds ? last.Report : null;

    private async Task<ReadinessReport> ProbeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var o = options.Value;
        StoreHealth health;
        try
        {
            health = await probe.ProbeAsync(now, cancellationToken);
        }
        catch (StoreException e)
        {
            // The operator reads the reason in the server's log (once, not at every probe); anonymous
            // callers learn no host, port or path.
            if (_last?.Report.Checks[0].State != ReadinessCheck.Failing)
            {
                LogUnreachable(log, e.Message);
            }

            LastSweeperLagSeconds = null;
            return Report(now,
                new(StoreCheck, ReadinessCheck.Failing, $"the store did not answer within {o.TimeoutSeconds:0.#} s (the server's log says why)"),
                new(MigrationsCheck, ReadinessCheck.Unknown, "the store was not reached"),
                new(SweeperLagCheck, ReadinessCheck.Unknown, "the store was not reached", ThresholdSeconds: o.MaxSweeperLagSeconds));
        }

        // The program opens only the schema it knows (StoreFactory refuses older and newer): so does readiness.
        var migrations = health.SchemaCurrent && health.SchemaVersion == health.ExpectedVersion
            ? new ReadinessCheck(MigrationsCheck, ReadinessCheck.Ok, $"schema version {health.SchemaVersion}, as this muster expects")
            : new ReadinessCheck(MigrationsCheck, ReadinessCheck.Failing, health.SchemaVersion > health.ExpectedVersion
                ? $"schema version {health.SchemaVersion} is newer than this muster knows ({health.ExpectedVersion}): upgrade this node"
                : $"schema version {health.SchemaVersion} (or a missing migration); this muster needs {health.ExpectedVersion}: run `muster db migrate`");
        var lag = health.OldestDue is { } due ? Math.Max(0, (now - due).TotalSeconds) : 0;
        LastSweeperLagSeconds = lag;
        var checkLag = o.MaxSweeperLagSeconds > 0;
        var sweeper = new ReadinessCheck(SweeperLagCheck,
            !checkLag || lag <= o.MaxSweeperLagSeconds ? ReadinessCheck.Ok : ReadinessCheck.Failing,
            health.OldestDue is { } oldest
                ? $"the oldest status not yet re-evaluated was due at {TimeFormats.Format(oldest)}" + (checkLag ? "" : " (not checked: MaxSweeperLagSeconds is 0)")
                : "no status is due for re-evaluation",
            Math.Round(lag, 3), o.MaxSweeperLagSeconds);
        return Report(now, new(StoreCheck, ReadinessCheck.Ok, "reachable"), migrations, sweeper);
    }

    private static ReadinessReport Report(Instant now, params ReadinessCheck[] checks) =>
        new(checks.All(c => c.State == ReadinessCheck.Ok) ? ReadinessReport.Ready : ReadinessReport.NotReady, TimeFormats.Format(now), checks);

    [LoggerMessage(LogLevel.Warning, "readiness: the store did not answer: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "readiness: now {Status}; failing or unknown: {Failing}")]
    private static partial void LogChanged(ILogger logger, string status, string failing);
}
