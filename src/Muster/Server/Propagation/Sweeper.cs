using Microsoft.Extensions.Options;
using Muster.Storage;
using Muster.Storage.Propagation;
using NodaTime;

namespace Muster.Cli.Server.Propagation;

/// <summary>
/// The leader's sweeper: at "now" (the register's clock), re-evaluates every person a new fact touched
/// and every person whose next change has come, one short transaction of
/// <see cref="PropagationOptions.SweepBatch"/> persons at a time, until nothing is left; then waits
/// <see cref="PropagationOptions.SweepIntervalSeconds"/>. Each transaction writes the status, the
/// outbox and the notifications together, so a kill at any point loses nothing and repeats nothing.
/// </summary>
public sealed partial class Sweeper(IPropagationStore store, IClock clock, PropagationNode node, IOptions<PropagationOptions> options, ILogger<Sweeper> log)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var idle = TimeSpan.FromSeconds(Math.Max(0.01, o.SweepIntervalSeconds));
        var batch = Math.Max(1, o.SweepBatch);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                SweepResult result;
                Instant now;
                do
                {
                    now = clock.GetCurrentInstant();
                    result = await store.SweepOnceAsync(now, batch, cancellationToken);
                    if (result.Changes > 0)
                    {
                        LogSwept(log, result.Persons, result.Imposed, result.Lifted, result.OutboxTip);
                    }
                }
                while (result.More && !cancellationToken.IsCancellationRequested);
                if (!result.More)
                {
                    node.LastSweep = now;
                }
            }
            catch (StoreException e)
            {
                LogFailed(log, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never take the server down: log the kind of failure (messages may quote data) and try again.
                LogFailed(log, e.GetType().FullName ?? "error");
            }

            await Task.Delay(idle, cancellationToken);
        }
    }

    [LoggerMessage(LogLevel.Debug, "sweep: {Persons} persons, {Imposed} imposed, {Lifted} lifted; outbox at {Tip}")]
    private static partial void LogSwept(ILogger logger, int persons, int imposed, int lifted, long tip);

    [LoggerMessage(LogLevel.Warning, "sweep failed, will retry: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
