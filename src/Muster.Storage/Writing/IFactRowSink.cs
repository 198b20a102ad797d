namespace Muster.Storage.Writing;

/// <summary>
/// Log rows written one by one as a batch is planned, inside the write session's transaction. On
/// PostgreSQL they stream to the server by binary COPY, so the server stores the first rows while the
/// rest are still planned; SQLite keeps them and inserts them all on completion (its inserts run on the
/// writer's thread either way). Complete it before anything else is done in the transaction.
/// </summary>
internal interface IFactRowSink : IAsyncDisposable
{
    void Write(FactRow row);

    /// <summary>True when every row is stored; false when a fact id was already stored (the transaction must then be rolled back).</summary>
    ValueTask<bool> CompleteAsync(CancellationToken cancellationToken);
}

internal static class FactRowSinks
{
    /// <summary>Inserts the rows; false when a fact id was already stored (the transaction must then be rolled back).</summary>
    public static async ValueTask<bool> TryInsertFactsAsync(this IWriteSession session, IReadOnlyList<FactRow> rows, CancellationToken cancellationToken)
    {
        await using var sink = await session.OpenFactRowsAsync(cancellationToken);
        foreach (var row in rows)
        {
            sink.Write(row);
        }

        return await sink.CompleteAsync(cancellationToken);
    }
}
