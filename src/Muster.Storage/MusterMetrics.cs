using System.Diagnostics.Metrics;

namespace Muster.Storage;

/// <summary>
/// Muster's own metrics, every instrument in this one class, on the <see cref="System.Diagnostics.Metrics.Meter"/>
/// named "Muster" (`muster serve` exports it on GET /metrics; docs/operations.md says what each means).
/// Static, because the store counts what it commits and the server what it answers, in one process.
/// Tags are kinds, codes and agencies — never a person id, name, national id or document number.
/// </summary>
public static class MusterMetrics
{
    public const string MeterName = "Muster";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> FactsAppended =
        Meter.CreateCounter<long>("muster.facts.appended", "{fact}", "Facts committed to the log (appends and imports), by fact type");

    private static readonly Counter<long> BorderChecks =
        Meter.CreateCounter<long>("muster.border.checks", "{check}", "Border checks answered, by decision (allow, deny)");

    private static readonly Counter<long> WebhookFailures =
        Meter.CreateCounter<long>("muster.webhook.deliveries.failed", "{delivery}", "Webhook deliveries that failed (will be retried), by agency");

    private static readonly Counter<long> WebhooksParked =
        Meter.CreateCounter<long>("muster.webhook.subscriptions.parked", "{subscription}", "Webhook subscriptions parked after too many failures in a row (until replayed), by agency");

    private static readonly Counter<long> AccessLogWrites =
        Meter.CreateCounter<long>("muster.access_log.writes", "{record}", "Officials' reads of a person's data recorded in the access log");

    // The gauges show what the server last sampled (a query per sample, not per scrape).
    private static double _sweeperLag = double.NaN;
    private static double _ready = double.NaN;
    private static IReadOnlyDictionary<string, long> _outboxDepth = new Dictionary<string, long>();
    private static long _factsToSweep = -1;
    private static long _notificationsPending = -1;

    static MusterMetrics()
    {
        Meter.CreateObservableGauge("muster.sweeper.lag", () => Known(_sweeperLag), "s",
            "How late the oldest status is whose next change has come and that the sweeper has not re-evaluated (0: none)");
        Meter.CreateObservableGauge("muster.ready", () => Known(_ready), "1", "1 when GET /readyz last answered ready, else 0");
        Meter.CreateObservableGauge("muster.outbox.depth", OutboxDepth, "{change}",
            "Restriction changes in the outbox not yet acknowledged by the agency's webhook subscriptions, summed over them, by agency");
        Meter.CreateObservableGauge("muster.sweep.facts_pending", () => Known(_factsToSweep), "{fact}", "Facts in the log the sweeper has not yet swept");
        Meter.CreateObservableGauge("muster.notifications.pending", () => Known(_notificationsPending), "{notification}", "Notifications to persons not yet sent");
    }

    /// <summary>Facts of these types were committed.</summary>
    public static void Appended(IEnumerable<string> factTypes)
    {
        foreach (var group in factTypes.GroupBy(t => t, StringComparer.Ordinal))
        {
            FactsAppended.Add(group.Count(), new KeyValuePair<string, object?>("type", group.Key));
        }
    }

    public static void BorderChecked(string decision) => BorderChecks.Add(1, new KeyValuePair<string, object?>("decision", decision));

    public static void WebhookFailed(string agency, bool parked)
    {
        var tag = new KeyValuePair<string, object?>("agency", agency);
        WebhookFailures.Add(1, tag);
        if (parked)
        {
            WebhooksParked.Add(1, tag);
        }
    }

    public static void AccessRecorded(int records) => AccessLogWrites.Add(records);

    /// <summary>What readiness last saw: ready or not, and the sweeper lag in seconds (null: the store was not reached).</summary>
    public static void Readiness(bool ready, double? sweeperLagSeconds)
    {
        Volatile.Write(ref _ready, ready ? 1 : 0);
        Volatile.Write(ref _sweeperLag, sweeperLagSeconds ?? double.NaN);
    }

    /// <summary>Where propagation stands: the undelivered changes per agency, the facts not yet swept, the notifications not yet sent.</summary>
    public static void Propagation(IReadOnlyDictionary<string, long> outboxDepth, long factsToSweep, long notificationsPending)
    {
        Volatile.Write(ref _outboxDepth, outboxDepth);
        Volatile.Write(ref _factsToSweep, factsToSweep);
        Volatile.Write(ref _notificationsPending, notificationsPending);
    }

    private static IEnumerable<Measurement<double>> Known(double value) => double.IsNaN(value) ? [] : [new Measurement<double>(value)];

    private static IEnumerable<Measurement<long>> Known(long value) => value < 0 ? [] : [new Measurement<long>(value)];

    private static IEnumerable<Measurement<long>> OutboxDepth() =>
        Volatile.Read(ref _outboxDepth).Select(a => new Measurement<long>(a.Value, new KeyValuePair<string, object?>("agency", a.Key)));
}
