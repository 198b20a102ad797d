using Microsoft.Extensions.Options;
using Muster.Storage;
using Muster.Storage.Api;

namespace Muster.Cli.Server.Register;

/// <summary>
/// Follows the fact log every <see cref="ServerOptions.FollowLogMilliseconds"/> and reports each new
/// fact's person to <see cref="RegisterChanges"/>: how this node's caches learn of other nodes' and
/// processes' writes (its own it reports itself, at once). <see cref="IsCurrent"/> is false until the
/// first read and whenever the log could not be read for a second: caches then go to the store.
/// </summary>
public sealed partial class LogFollower(IRegisterDirectory directory, RegisterChanges changes, IOptions<ServerOptions> options, TimeProvider time, ILogger<LogFollower> log)
    : BackgroundService
{
    private const int Batch = 5_000;
    private static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(1);
    private long _followed = -1;
    private long _lastRead;

    public bool Enabled => options.Value.FollowLogMilliseconds > 0;

    /// <summary>Whether the log was read up to its end less than a second ago.</summary>
    public bool IsCurrent => Enabled && Volatile.Read(ref _followed) >= 0 && time.GetElapsedTime(Volatile.Read(ref _lastRead)) < MaxLag;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromMilliseconds(options.Value.FollowLogMilliseconds);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FollowAsync(stoppingToken);
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
                    LogFailing(log, e.Message);
                    failing = true;
                }
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Reads what was appended since the last read, up to the end of the log.</summary>
    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (Volatile.Read(ref _followed) < 0)
        {
            // Nothing before now can be in a cache yet: start at the end.
            Volatile.Write(ref _followed, await directory.LogTipAsync(cancellationToken));
        }
        else if (time.GetElapsedTime(Volatile.Read(ref _lastRead)) >= MaxLag)
        {
            // The caches were bypassed while the log could not be read; what they hold may be old.
            changes.Everything();
        }

        while (true)
        {
            var facts = await directory.FactsAfterAsync(_followed, Batch, cancellationToken);
            if (facts.Count == Batch)
            {
                changes.Everything(); // a large import: forgetting everything is cheaper than each person
            }
            else
            {
                foreach (var fact in facts)
                {
                    changes.Person(fact.PersonId, RegisterChanges.IsRegistrationChange(fact.Type));
                }
            }

            if (facts.Count > 0)
            {
                Volatile.Write(ref _followed, facts[^1].Sequence);
            }

            if (facts.Count < Batch)
            {
                break;
            }
        }

        Volatile.Write(ref _lastRead, started);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "following the fact log failed ({Reason}); caches go to the store until it works again")]
    private static partial void LogFailing(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "following the fact log works again")]
    private static partial void LogRecovered(ILogger logger);
}
