using Microsoft.Extensions.Options;
using Muster.Storage;

namespace Muster.Cli.Server.Register;

/// <summary>
/// Moves this node's <see cref="AccessJournal"/> into the access log every
/// <see cref="ServerOptions.AccessJournalMoveMilliseconds"/>, and adopts the journals of dead processes
/// on the same database: before the server takes its first request, then every ten seconds. When the
/// store is down, records wait in the journal (on disk) and move once it is back.
/// </summary>
public sealed partial class AccessJournalMover(AccessJournal journal, IOptions<ServerOptions> options, ILogger<AccessJournalMover> log) : BackgroundService
{
    private static readonly TimeSpan AdoptEvery = TimeSpan.FromSeconds(10);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var adopted = await journal.AdoptOrphansAsync(cancellationToken);
        if (adopted > 0)
        {
            LogAdopted(log, adopted);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.AccessJournalMoveMilliseconds));
        var lastAdoption = DateTime.UtcNow;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                await journal.MoveAsync(CancellationToken.None);
                if (DateTime.UtcNow - lastAdoption > AdoptEvery)
                {
                    lastAdoption = DateTime.UtcNow;
                    if (await journal.AdoptOrphansAsync(CancellationToken.None) is var adopted and > 0)
                    {
                        LogAdopted(log, adopted);
                    }
                }

                if (failing)
                {
                    LogRecovered(log);
                    failing = false;
                }
            }
            catch (StoreException e)
            {
                if (!failing)
                {
                    LogFailing(log, e.Message, journal.PendingBytes);
                    failing = true;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "moved the access journals of {Count} stopped processes into the access log")]
    private static partial void LogAdopted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "moving the access journal into the access log failed ({Reason}); {Pending} bytes wait on disk and move when the store is back")]
    private static partial void LogFailing(ILogger logger, string reason, long pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "the access journal moves into the access log again")]
    private static partial void LogRecovered(ILogger logger);
}
