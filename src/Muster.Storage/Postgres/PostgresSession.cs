using Npgsql;

namespace Muster.Storage.Postgres;

/// <summary>
/// One transaction on a connection the session owns: the write and sweep sessions share this life
/// cycle (begin, commit or roll back, close the connection).
/// </summary>
internal abstract class PostgresSession(NpgsqlConnection connection)
{
    protected NpgsqlConnection Connection => connection;

    protected NpgsqlTransaction? Transaction { get; private set; }

    protected async ValueTask BeginTransactionAsync(CancellationToken cancellationToken) =>
        Transaction = await connection.BeginTransactionAsync(cancellationToken);

    protected async ValueTask CommitTransactionAsync(CancellationToken cancellationToken)
    {
        await Transaction!.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    public async ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        if (Transaction is { } transaction)
        {
            Transaction = null;
            try
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // A broken connection has lost the transaction already; the server rolls it back.
            }

            await transaction.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync(CancellationToken.None);
        await connection.DisposeAsync();
    }
}
