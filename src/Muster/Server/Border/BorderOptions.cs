using NodaTime;

namespace Muster.Cli.Server.Border;

/// <summary>
/// The settings of the border's offline list in `muster serve`, bound from "Muster:Border" (e.g. the
/// environment variable Muster__Border__SnapshotValidHours=12). See docs/border-snapshot.md.
/// </summary>
public sealed class BorderOptions
{
    public const string Section = "Muster:Border";

    /// <summary>
    /// A folder written by `muster border keygen` (signing-key.pem, hash-key.pem, public-key.pem): the
    /// server signs with those keys. Null: the server makes keys once and keeps them in the store.
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>How long after it is issued a snapshot stays valid: a post that cannot refresh decides offline for at most this long.</summary>
    public double SnapshotValidHours { get; set; } = 24;

    /// <summary>How long the latest snapshot is served as built before the list is read again (0: read on every request).</summary>
    public double SnapshotCacheSeconds { get; set; } = 60;

    /// <summary>
    /// An unchanged list is still signed anew (a new version, a new valid-until) when the latest
    /// version is this old, so a post that keeps refreshing never expires. Must be well under the validity.
    /// </summary>
    public double SnapshotRefreshMinutes { get; set; } = 60;

    /// <summary>How many past versions are kept to answer "what changed since version V" with a delta.</summary>
    public int SnapshotHistory { get; set; } = 48;

    public Duration Validity => Duration.FromHours(SnapshotValidHours);

    public Duration CacheTime => Duration.FromSeconds(SnapshotCacheSeconds);

    public Duration RefreshTime => Duration.FromMinutes(SnapshotRefreshMinutes);

    /// <summary>Settings that cannot work, named (the server refuses to start with them).</summary>
    public string? Problem() =>
        SnapshotValidHours <= 0 ? $"{Section}:SnapshotValidHours: {SnapshotValidHours}; must be more than 0"
        : SnapshotCacheSeconds < 0 ? $"{Section}:SnapshotCacheSeconds: {SnapshotCacheSeconds}; must not be negative"
        : SnapshotRefreshMinutes <= 0 || RefreshTime >= Validity
            ? $"{Section}:SnapshotRefreshMinutes: {SnapshotRefreshMinutes}; must be more than 0 and less than the validity ({SnapshotValidHours} h), or posts would expire while nothing changes"
        : SnapshotHistory < 1 ? $"{Section}:SnapshotHistory: {SnapshotHistory}; must be at least 1"
        : null;
}
