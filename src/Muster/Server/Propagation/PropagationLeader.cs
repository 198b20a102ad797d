using Microsoft.Extensions.Options;
using Muster.Storage;
using Muster.Storage.Propagation;

namespace Muster.Cli.Server.Propagation;

/// <summary>
/// Runs inside every `muster serve`: tries to become the leader (PostgreSQL: a session advisory lock on a
/// dedicated connection; SQLite: an exclusive lock on PATH.leader) and, while it leads, runs the sweeper,
/// the webhook dispatcher and the notifier. It checks the lock every <see cref="PropagationOptions.LeaderCheckSeconds"/>;
/// a node that loses it (its connection broke) stops all three at once. A follower tries again as often,
/// so when the leader dies another node takes over within a few seconds.
/// </summary>
public sealed partial class PropagationLeader(
    IPropagationStore store, PropagationNode node, Sweeper sweeper, WebhookDispatcher dispatcher, NotificationDispatcher notifier,
    IOptions<PropagationOptions> options, ILogger<PropagationLeader> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var check = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.LeaderCheckSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            ILeadership? leadership = null;
            try
            {
                leadership = await store.TryLeadAsync(stoppingToken);
            }
            catch (StoreException e)
            {
                LogLeadFailed(log, e.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (leadership is null)
            {
                await Delay(check, stoppingToken);
                continue;
            }

            await using (leadership)
            {
                await LeadAsync(leadership, check, stoppingToken);
            }
        }
    }

    private async Task LeadAsync(ILeadership leadership, TimeSpan check, CancellationToken stoppingToken)
    {
        node.IsLeader = true;
        LogLeading(log, node.Id);
        using var lead = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var work = Task.WhenAll(
            Task.Run(() => sweeper.RunAsync(lead.Token), CancellationToken.None),
            Task.Run(() => dispatcher.RunAsync(lead.Token), CancellationToken.None),
            Task.Run(() => notifier.RunAsync(lead.Token), CancellationToken.None));
        try
        {
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(check, stoppingToken));
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                if (!work.IsCompleted && !await leadership.CheckAsync(stoppingToken))
                {
                    LogLost(log, node.Id);
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        finally
        {
            node.IsLeader = false;
            node.LastSweep = null;
            await lead.CancelAsync();
            try
            {
                await work;
            }
            catch (OperationCanceledException)
            {
                // the loops stop by cancellation
            }
            catch (Exception e)
            {
                // A loop failed beyond its own handling: stop leading (another node, or this one again, takes over).
                LogLoopFailed(log, e.GetType().FullName ?? "error");
            }
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    [LoggerMessage(LogLevel.Information, "propagation: node {Node} leads: sweeper, webhook dispatcher and notifier run here")]
    private static partial void LogLeading(ILogger logger, string node);

    [LoggerMessage(LogLevel.Warning, "propagation: node {Node} lost the leadership lock; stopping sweeper, dispatcher and notifier")]
    private static partial void LogLost(ILogger logger, string node);

    [LoggerMessage(LogLevel.Error, "propagation: a leader loop failed ({Error}); leadership released")]
    private static partial void LogLoopFailed(ILogger logger, string error);

    [LoggerMessage(LogLevel.Warning, "propagation: cannot try for leadership: {Reason}")]
    private static partial void LogLeadFailed(ILogger logger, string reason);
}
