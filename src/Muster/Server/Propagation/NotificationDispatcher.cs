using Microsoft.Extensions.Options;
using Muster.Storage;
using Muster.Storage.Propagation;

namespace Muster.Cli.Server.Propagation;

/// <summary>
/// The leader's notifier loop: sends each new notification through the <see cref="INotifier"/>, in
/// outbox order, and moves the notifier's cursor after each. At least once: a kill between sending and
/// moving the cursor sends that message again. A failing notifier is retried with backoff; the log
/// names only the notification id, never the person or the text.
/// </summary>
public sealed partial class NotificationDispatcher(IPropagationStore store, INotifier notifier, IOptions<PropagationOptions> options, ILogger<NotificationDispatcher> log)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(0.01, options.Value.DispatchPollSeconds));
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<NotificationRecord> batch;
            try
            {
                batch = await store.UnsentNotificationsAsync(200, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStoreFailed(log, e is StoreException ? e.Message : e.GetType().FullName ?? "error");
                await Task.Delay(poll * 5, cancellationToken);
                continue;
            }

            if (batch.Count == 0)
            {
                await Task.Delay(poll, cancellationToken);
                continue;
            }

            foreach (var n in batch)
            {
                try
                {
                    await notifier.SendAsync(n, cancellationToken);
                    await store.MarkNotifiedAsync(n.Seq, cancellationToken);
                    failures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures++;
                    LogSendFailed(log, n.ChangeId, e.GetType().Name, failures);
                    await Task.Delay(Backoff.FullJitter(failures, options.Value.BackoffBaseSeconds, options.Value.BackoffMaxSeconds), cancellationToken);
                    break;
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "notifier: cannot read notifications: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "notifier: sending notification {Id} failed ({Error}), attempt {Attempt}; will retry")]
    private static partial void LogSendFailed(ILogger logger, string id, string error, int attempt);
}

/// <summary>Exponential backoff with full jitter: the n-th consecutive failure waits a uniform random time in [0, min(max, base × 2^(n-1))].</summary>
public static class Backoff
{
    public static TimeSpan FullJitter(int failures, double baseSeconds, double maxSeconds)
    {
        var ceiling = Math.Min(maxSeconds, baseSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 40)));
        return TimeSpan.FromSeconds(Random.Shared.NextDouble() * Math.Max(0, ceiling));
    }
}
