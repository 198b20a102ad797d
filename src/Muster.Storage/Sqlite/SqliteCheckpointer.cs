using Microsoft.Data.Sqlite;
using Muster.Storage.Writing;

namespace Muster.Storage.Sqlite;

/// <summary>
/// Checkpoints the WAL on a connection of its own while an import writes. SQLite checkpoints at the
/// commit that fills the WAL past 1,000 pages, on the writer's own thread: during an import that is
/// a quarter of the writer's time, copying pages into the database file while nothing else can be
/// written. Here the writer's automatic checkpoints are off, and after each commit a PASSIVE
/// checkpoint (which never blocks the writer) runs beside the next batch instead. The setting is the
/// write connection's own and is put back when the import ends; a WAL left longer by a crash is
/// checkpointed as usual on the next open.
/// </summary>
internal sealed class SqliteCheckpointer : IBulkWriting
{
    private const int DefaultAutoCheckpointPages = 1000;

    private readonly SqliteConnection _writer;
    private readonly SqliteConnection _checkpoints;
    private readonly SemaphoreSlim _committed = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SqliteCheckpointer(string path, SqliteConnection writer)
    {
        _writer = writer;
        _checkpoints = SqliteCommands.Connect(path, create: false);
        Pragma(writer, "PRAGMA wal_autocheckpoint=0");
        _loop = Task.Run(CheckpointAsync);
    }

    public void Committed()
    {
        try
        {
            _committed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A checkpoint is already asked for; it will take this commit too.
        }
    }

    private async Task CheckpointAsync()
    {
        using var command = _checkpoints.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _committed.WaitAsync(_stop.Token);
                command.ExecuteNonQuery();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SqliteException)
            {
                // A checkpoint that cannot run now only leaves the WAL longer; the next one, or SQLite's own after the import, catches up.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stop.CancelAsync();
#pragma warning disable VSTHRD003 // the loop is this object's own task, started in its constructor
            await _loop;
#pragma warning restore VSTHRD003

            // The last batch's pages too, so that readers after the import find the whole WAL in the database file and skip it.
            Pragma(_checkpoints, "PRAGMA wal_checkpoint(PASSIVE)");
        }
        finally
        {
            // The write connection outlives the import: its automatic checkpoints come back whatever happened here.
            Pragma(_writer, $"PRAGMA wal_autocheckpoint={DefaultAutoCheckpointPages}");
            _checkpoints.Dispose();
            _stop.Dispose();
            _committed.Dispose();
        }
    }

    private static void Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }
}
