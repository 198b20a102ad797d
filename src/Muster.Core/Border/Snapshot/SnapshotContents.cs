using NodaTime;

namespace Muster.Core.Border.Snapshot;

/// <summary>What a snapshot file says, once its structure and signature are checked.</summary>
internal sealed record SnapshotContents(
    long Version,
    Instant IssuedAt,
    Instant ValidUntil,
    byte[] KeyId,
    byte[] HashKeyId,
    HashEntry[] Entries);
