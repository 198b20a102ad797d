using Microsoft.Data.Sqlite;

namespace Muster.Storage.Sqlite;

/// <summary>
/// One write transaction on the store's single write connection, holding the store's write gate
/// from creation until disposed (SQLite has one writer; the gate queues ours). The write and sweep
/// sessions share this life cycle: begin immediately, commit or roll back, release the gate.
/// </summary>
internal abstract class SqliteSession(SqliteCommands commands, SemaphoreSlim gate)
{
    protected SqliteCommands Commands => commands;

    protected SqliteTransaction? Transaction { get; private set; }

    /// <summary>BEGIN IMMEDIATE: take SQLite's write lock now, not at the first write.</summary>
    protected void BeginTransaction() => Transaction = commands.Connection.BeginTransaction(deferred: false);

    protected void CommitTransaction()
    {
        Transaction!.Commit();
        Transaction.Dispose();
        Transaction = null;
    }

    public ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        if (Transaction is { } transaction)
        {
            Transaction = null;
            transaction.Rollback();
            transaction.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Transaction?.Dispose();
            Transaction = null;
        }
        finally
        {
            gate.Release();
        }

        return ValueTask.CompletedTask;
    }
}
