using Microsoft.Extensions.Options;
using Muster.Storage;
using Muster.Storage.Propagation;

namespace Muster.Cli.Server.Operations;

/// <summary>
/// Samples what the gauges of /metrics show and a scrape must not query for: readiness (with the sweeper
/// lag) and where propagation stands (undelivered changes per agency, facts not yet swept, notifications
/// not yet sent), every <see cref="MetricsOptions.SampleSeconds"/>.
/// </summary>
public sealed partial class OperationsSampler(Readiness readiness, IPropagationStore propagation, IOptions<MetricsOptions> options, ILogger<OperationsSampler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.SampleSeconds)));
        do
        {
            try
            {
                await readiness.CheckAsync(stoppingToken); // records readiness and the sweeper lag
                var status = await propagation.StatusAsync(stoppingToken);
                var depth = await propagation.OutboxDepthAsync(stoppingToken);
                MusterMetrics.Propagation(depth, Math.Max(0, status.FactTip - status.FactCursor), Math.Max(0, status.Notifications - status.NotifierCursor));
            }
            catch (StoreException e)
            {
                LogFailed(log, e.Message); // readiness says so too; the gauges keep their last values
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Debug, "metrics: sampling failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
