namespace Muster.Storage.Writing;

/// <summary>
/// One engine's side of a write: a connection that runs one transaction at a time. BeginAsync
/// starts the transaction and takes the chain lock (every writer serializes on the chain tip), so
/// what is read inside it stays true until commit.
/// </summary>
internal interface IWriteSession : IAsyncDisposable
{
    ValueTask<Audit.ChainTip> BeginAsync(CancellationToken cancellationToken);

    /// <summary>The stored rows (sequence, content) of those persons that exist, in log order.</summary>
    ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> LoadPersonsAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken);

    /// <summary>For those fact ids that are stored: the person they belong to.</summary>
    ValueTask<Dictionary<string, string>> FindFactOwnersAsync(IReadOnlyCollection<string> factIds, CancellationToken cancellationToken);

    /// <summary>Starts writing log rows as they come (<see cref="FactRowSinks.TryInsertFactsAsync"/> writes a list of them).</summary>
    ValueTask<IFactRowSink> OpenFactRowsAsync(CancellationToken cancellationToken);

    ValueTask WriteProjectionsAsync(IReadOnlyList<PersonProjection> projections, CancellationToken cancellationToken);

    /// <summary>Reads for a projection rebuild inside this session's transaction (after <see cref="BeginAsync"/>).</summary>
    Rebuild.IProjectionReader Projections { get; }

    /// <summary>Deletes the persons, documents and status rows of the persons in the range (a rebuild writes them again).</summary>
    ValueTask DeleteProjectionsAsync(Rebuild.PersonRange range, CancellationToken cancellationToken);

    /// <summary>Records the new chain tip (when facts were written) and commits.</summary>
    ValueTask CommitAsync(Audit.ChainTip? newTip, CancellationToken cancellationToken);

    ValueTask RollbackAsync(CancellationToken cancellationToken);
}
