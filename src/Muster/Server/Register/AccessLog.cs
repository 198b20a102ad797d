using System.Threading.Channels;
using Muster.Storage.Api;

namespace Muster.Cli.Server.Register;

/// <summary>
/// Records officials' reads in the store's access log with group commit: a read waits until its
/// record is committed (nothing is answered unlogged), but the reads that arrive while one
/// transaction commits go together in the next. Under load that is one transaction for many border
/// checks instead of one each.
/// </summary>
public sealed class AccessLog : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<(AccessEntry Entry, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(AccessEntry, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IRegisterDirectory _directory;
    private readonly Task _writer;

    public AccessLog(IRegisterDirectory directory)
    {
        _directory = directory;
        _writer = Task.Run(WriteAsync);
    }

    public Task RecordAsync(AccessEntry entry, CancellationToken cancellationToken)
    {
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
                await _directory.RecordAccessAsync([.. batch.Select(b => b.Entry)], CancellationToken.None);
                Storage.MusterMetrics.AccessRecorded(batch.Count);
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
