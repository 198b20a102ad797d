using NodaTime;

namespace Muster.Storage.Border;

/// <summary>
/// What border control keeps beside the fact log (migration 400): the snapshot keys, the last snapshot
/// versions, and the question the offline list is built from — who may not leave now. Open one with
/// <see cref="BorderStore.OpenAsync"/> on the same connection text as the store. Driver errors become
/// <see cref="StoreException"/>.
/// </summary>
public interface IBorderStore : IAsyncDisposable
{
    /// <summary>
    /// The keys kept in the store. When none are kept yet, the ones <paramref name="propose"/> makes are
    /// kept and returned; if two nodes propose at once, one wins and both get the winner.
    /// </summary>
    Task<BorderKeysRecord> KeysAsync(Func<BorderKeysRecord> propose, CancellationToken cancellationToken = default);

    /// <summary>
    /// From the status projection, at <paramref name="now"/>: the documents of persons with
    /// <c>travel.exit</c> in force whose next change is after now (or none is due), through the partial
    /// index of banned persons; and the persons whose next change is at or before now (the sweeper has
    /// not re-evaluated them yet), whatever their codes — their projection may be out of date either way.
    /// </summary>
    Task<ExitBanProjection> ExitBannedAsync(Instant now, CancellationToken cancellationToken = default);

    /// <summary>The highest version kept (null: none yet).</summary>
    Task<StoredSnapshot?> LatestSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>The version asked for, if it is still kept.</summary>
    Task<StoredSnapshot?> FindSnapshotAsync(long version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps <paramref name="snapshot"/> unless its version is kept already (another node built it
    /// first), then drops all but the newest <paramref name="keep"/> versions. Returns the kept row of
    /// that version: this one, or the other node's. Each statement is atomic; a failure between them
    /// leaves at most a version too many, dropped by the next save.
    /// </summary>
    Task<StoredSnapshot> SaveSnapshotAsync(StoredSnapshot snapshot, int keep, CancellationToken cancellationToken = default);
}
