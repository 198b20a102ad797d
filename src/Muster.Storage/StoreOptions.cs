using Muster.Core.Policies;
using NodaTime;

namespace Muster.Storage;

/// <summary>
/// What a store needs besides its database: the clock it stamps RecordedAt and evaluates status
/// with (the store never reads the system clock itself), and the policies the status projection is
/// computed under.
/// </summary>
public sealed record StoreOptions(IClock Clock, PolicySet Policies)
{
    /// <summary>Facts per transaction in <see cref="IFactStore.ImportAsync"/>.</summary>
    public int ImportBatchSize { get; init; } = 50_000;

    /// <summary>Persons whose facts an import keeps in memory between batches before it starts over from the database.</summary>
    public int ImportPersonCacheLimit { get; init; } = 1_000_000;

    /// <summary>Persons a projection check or rebuild holds in memory at a time (one range of persons).</summary>
    public int RebuildRangePersons { get; init; } = 2_000;
}
