using System.Threading.Channels;
using Muster.Storage;
using Muster.Storage.Api;

namespace Muster.Cli.Server.Register;

/// <summary>
/// Records officials' reads: a read waits until its record is durable, so nothing is answered unlogged.
/// On SQLite that is a copy into this node's <see cref="AccessJournal"/> (moved into the access log
/// moments later), done on the reader's own thread. Otherwise (PostgreSQL, or with the journal off) it
/// is a commit to the access log, with group commit: the reads that arrive meanwhile go together, one
/// transaction for many border checks instead of one each.
/// </summary>
public sealed class AccessLog : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<(AccessEntry Entry, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(AccessEntry, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IRegisterDirectory _directory;
    private readonly AccessJournal? _journal;
    private readonly Task _writer;

    public AccessLog(IRegisterDirectory directory, AccessJournal? journal = null)
    {
        _directory = directory;
        _journal = journal;
        _writer = journal is null ? Task.Run(WriteAsync) : Task.CompletedTask; // with a journal, nothing ever goes through the queue
    }

    /// <summary>Makes every record this node has answered readable in the access log (moves its journal).</summary>
    public Task SettleAsync(CancellationToken cancellationToken) => _journal?.MoveAsync(cancellationToken) ?? Task.CompletedTask;

    public Task RecordAsync(AccessEntry entry, CancellationToken cancellationToken)
    {
        if (_journal is { } journal)
        {
            try
            {
                journal.Append(entry);
                return Task.CompletedTask;
            }
            catch (StoreException e)
            {
                return Task.FromException(e);
            }
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite((entry, done))
            ? done.Task.WaitAsync(cancellationToken)
            : Task.FromException(new InvalidOperationException("the server is shutting down"));
    }

    private async Task WriteAsync()
    {
        var batch = new List<(AccessEntry Entry, TaskCompletionSource Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                AccessEntry[] entries = [.. batch.Select(b => b.Entry)];
                await _directory.RecordAccessAsync(entries, null, CancellationToken.None);
                Storage.MusterMetrics.AccessRecorded(entries.Length);
                batch.ForEach(b => b.Done.TrySetResult());
            }
            catch (Exception e)
            {
                batch.ForEach(b => b.Done.TrySetException(e));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
#pragma warning disable VSTHRD003 // the writer is this object's own task, started in its constructor
        await _writer;
#pragma warning restore VSTHRD003
    }
}
