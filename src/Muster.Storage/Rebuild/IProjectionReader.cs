namespace Muster.Storage.Rebuild;

/// <summary>
/// One engine's reads for checking and rebuilding the projections, all inside one transaction: a
/// read snapshot for a check (writers go on), the writer's transaction for a rebuild (writers wait).
/// </summary>
internal interface IProjectionReader
{
    /// <summary>The number of facts in the log (the chain tip's seq), for progress.</summary>
    ValueTask<long> FactCountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The id of the <paramref name="persons"/>-th person in the log after <paramref name="after"/>;
    /// null when fewer are left (the next range runs to the end).
    /// </summary>
    ValueTask<string?> RangeEndAsync(string? after, int persons, CancellationToken cancellationToken);

    /// <summary>The stored fact rows (sequence, content) of the persons in the range, by person, in log order.</summary>
    ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> FactsAsync(PersonRange range, CancellationToken cancellationToken);

    ValueTask<StoredProjections> ProjectionsAsync(PersonRange range, CancellationToken cancellationToken);
}

/// <summary>A reader on a connection and read transaction of its own.</summary>
internal interface IProjectionSnapshot : IProjectionReader, IAsyncDisposable;
