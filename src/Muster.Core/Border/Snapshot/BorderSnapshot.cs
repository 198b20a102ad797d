using NodaTime;

namespace Muster.Core.Border.Snapshot;

/// <summary>
/// A verified list of the documents whose holders may not leave, as a border post holds it.
/// Only <see cref="Load"/> and <see cref="Apply"/> make one, so holding one means the signature,
/// the hash key and (at load) the clock were checked.
/// </summary>
public sealed class BorderSnapshot
{
    /// <summary>How far a snapshot's issued-at may be ahead of the post's clock before the clock is distrusted.</summary>
    public static readonly Duration ClockSkewTolerance = Duration.FromMinutes(10);

    private readonly SnapshotContents _contents;
    private readonly byte[] _hashKey;

    private BorderSnapshot(SnapshotContents contents, byte[] hashKey)
    {
        _contents = contents;
        _hashKey = hashKey;
    }

    /// <summary>The centre's version number: deltas go from one version to a later one.</summary>
    public long Version => _contents.Version;

    public Instant IssuedAt => _contents.IssuedAt;

    /// <summary>Exclusive: at this instant the snapshot no longer decides.</summary>
    public Instant ValidUntil => _contents.ValidUntil;

    public string KeyId => SnapshotFormat.Hex(_contents.KeyId);

    public string HashKeyId => SnapshotFormat.Hex(_contents.HashKeyId);

    /// <summary>How many documents are listed.</summary>
    public int Count => _contents.Entries.Length;

    internal ReadOnlySpan<HashEntry> Entries => _contents.Entries;

    /// <summary>
    /// Checks the bytes in this order: length, magic, format, signing key id, signature, hash key,
    /// order of the hashes, then the clock: refused at and after valid-until, and when issued more
    /// than <see cref="ClockSkewTolerance"/> after <paramref name="now"/>. Never throws on the bytes.
    /// </summary>
    public static SnapshotResult<BorderSnapshot> Load(ReadOnlySpan<byte> bytes, BorderPublicKey publicKey, BorderHashKey hashKey, Instant now)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(hashKey);
        var read = SnapshotCodec.Read(bytes, publicKey);
        if (read.Value is not { } contents)
        {
            return Refused(read.Refusal!);
        }

        if (!contents.HashKeyId.AsSpan().SequenceEqual(hashKey.IdBytes))
        {
            return SnapshotResult<BorderSnapshot>.Refused(
                SnapshotRefusalReason.WrongHashKey,
                $"the snapshot is hashed under hash key {SnapshotFormat.Hex(contents.HashKeyId)}; this post has hash key {hashKey.Id}");
        }

        var snapshot = new BorderSnapshot(contents, hashKey.Key);
        return snapshot.RefusalAt(now) is { } stale ? Refused(stale) : SnapshotResult<BorderSnapshot>.Accepted(snapshot);
    }

    /// <summary>Null if the snapshot may decide at <paramref name="now"/>; otherwise why not.</summary>
    public SnapshotRefusal? RefusalAt(Instant now)
    {
        if (now >= ValidUntil)
        {
            return new(SnapshotRefusalReason.Expired, $"the snapshot (version {Version}) expired at {ValidUntil}; it is now {now}");
        }

        return IssuedAt > now + ClockSkewTolerance
            ? new(SnapshotRefusalReason.IssuedInFuture, $"the snapshot was issued at {IssuedAt}, after this post's clock ({now}): the clock is wrong, so expiry cannot be checked")
            : null;
    }

    /// <summary>
    /// Whether the document is listed. Binary search over the sorted hashes; allocation-free.
    /// Throws <see cref="ArgumentException"/> if the document cannot be normalised
    /// (<see cref="DocumentIdentifier.Problem"/> says why beforehand): no such document is ever listed,
    /// and answering "allow" for input nobody could check would be a guess.
    /// </summary>
    public bool IsBanned(string issuingState, string documentNumber)
    {
        var hash = DocumentHash.Compute(_hashKey, issuingState, documentNumber);
        var entries = _contents.Entries;
        int low = 0, high = entries.Length - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var order = entries[mid].CompareTo(hash);
            if (order == 0)
            {
                return true;
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return false;
    }

    /// <summary>
    /// What an officer quotes to the centre: the version and the first 12 hex digits of the
    /// document's hash, e.g. "1741176000-3f9a0c12b7e4". Names nobody; the centre, which holds the
    /// register and the hash key, can find the document from it.
    /// </summary>
    public string Reference(string issuingState, string documentNumber) =>
        $"{Version}-{DocumentHash.Compute(_hashKey, issuingState, documentNumber).ToString()[..12]}";

    /// <summary>
    /// The snapshot at the delta's version: its hashes removed, its hashes added, its instants.
    /// Refused if the delta starts from another version, uses another hash key, adds a listed hash,
    /// removes an unlisted one, or the result's digest is not the one the centre signed.
    /// </summary>
    public SnapshotResult<BorderSnapshot> Apply(BorderSnapshotDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.BaseVersion != Version)
        {
            return SnapshotResult<BorderSnapshot>.Refused(
                SnapshotRefusalReason.WrongBase,
                $"the delta goes from version {delta.BaseVersion} to {delta.Version}; this snapshot is version {Version}");
        }

        if (!delta.HashKeyIdBytes.AsSpan().SequenceEqual(_contents.HashKeyId))
        {
            return SnapshotResult<BorderSnapshot>.Refused(
                SnapshotRefusalReason.WrongHashKey,
                $"the delta is hashed under hash key {delta.HashKeyId}; this snapshot under {HashKeyId}");
        }

        var merged = EntryMerge.Apply(_contents.Entries, delta.Added, delta.Removed, out var problem);
        if (merged is null)
        {
            return SnapshotResult<BorderSnapshot>.Refused(SnapshotRefusalReason.Inconsistent, $"the delta to version {delta.Version} does not fit version {Version}: {problem}");
        }

        if (!FieldCodec.Digest(merged).AsSpan().SequenceEqual(delta.ResultDigest))
        {
            return SnapshotResult<BorderSnapshot>.Refused(
                SnapshotRefusalReason.Inconsistent,
                $"applying the delta to version {Version} does not give the centre's list for version {delta.Version}");
        }

        var contents = new SnapshotContents(delta.Version, delta.IssuedAt, delta.ValidUntil, delta.KeyIdBytes, _contents.HashKeyId, merged);
        return SnapshotResult<BorderSnapshot>.Accepted(new BorderSnapshot(contents, _hashKey));
    }

    public override string ToString() => $"border snapshot version {Version}, {Count} documents, issued {IssuedAt}, valid until {ValidUntil}";

    private static SnapshotResult<BorderSnapshot> Refused(SnapshotRefusal refusal) =>
        SnapshotResult<BorderSnapshot>.Refused(refusal.Reason, refusal.Message);
}
