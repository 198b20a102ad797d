using NodaTime;

namespace Muster.Core.Border.Snapshot;

/// <summary>
/// A verified change from snapshot version <see cref="BaseVersion"/> to <see cref="Version"/>:
/// hashes added, hashes removed, the new validity, and the digest of the list it must lead to.
/// Only <see cref="Load"/> makes one; <see cref="BorderSnapshot.Apply"/> uses it.
/// </summary>
public sealed class BorderSnapshotDelta
{
    internal BorderSnapshotDelta(
        long baseVersion, long version, Instant issuedAt, Instant validUntil, byte[] keyId, byte[] hashKeyId, byte[] resultDigest, HashEntry[] added, HashEntry[] removed)
    {
        BaseVersion = baseVersion;
        Version = version;
        IssuedAt = issuedAt;
        ValidUntil = validUntil;
        KeyIdBytes = keyId;
        HashKeyIdBytes = hashKeyId;
        ResultDigest = resultDigest;
        Added = added;
        Removed = removed;
    }

    public long BaseVersion { get; }

    public long Version { get; }

    public Instant IssuedAt { get; }

    /// <summary>The valid-until of the snapshot this delta leads to (exclusive).</summary>
    public Instant ValidUntil { get; }

    public string KeyId => SnapshotFormat.Hex(KeyIdBytes);

    public string HashKeyId => SnapshotFormat.Hex(HashKeyIdBytes);

    public int AddedCount => Added.Length;

    public int RemovedCount => Removed.Length;

    internal byte[] KeyIdBytes { get; }

    internal byte[] HashKeyIdBytes { get; }

    internal byte[] ResultDigest { get; }

    internal HashEntry[] Added { get; }

    internal HashEntry[] Removed { get; }

    /// <summary>
    /// Checks length, magic, format, signing key id, signature, order of the hashes, then the clock
    /// like <see cref="BorderSnapshot.Load"/>. Never throws on the bytes. The hash key and the base
    /// version are checked when the delta is applied.
    /// </summary>
    public static SnapshotResult<BorderSnapshotDelta> Load(ReadOnlySpan<byte> bytes, BorderPublicKey publicKey, Instant now)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var read = DeltaCodec.Read(bytes, publicKey);
        if (read.Value is not { } delta)
        {
            return read;
        }

        if (now >= delta.ValidUntil)
        {
            return SnapshotResult<BorderSnapshotDelta>.Refused(SnapshotRefusalReason.Expired, $"the delta to version {delta.Version} expired at {delta.ValidUntil}; it is now {now}");
        }

        return delta.IssuedAt > now + BorderSnapshot.ClockSkewTolerance
            ? SnapshotResult<BorderSnapshotDelta>.Refused(
                SnapshotRefusalReason.IssuedInFuture,
                $"the delta was issued at {delta.IssuedAt}, after this post's clock ({now}): the clock is wrong, so expiry cannot be checked")
            : read;
    }

    public override string ToString() => $"border snapshot delta {BaseVersion} → {Version}: +{AddedCount} −{RemovedCount}, valid until {ValidUntil}";
}
