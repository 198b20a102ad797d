using System.Buffers.Binary;
using static Muster.Core.Border.Snapshot.SnapshotFormat;

namespace Muster.Core.Border.Snapshot;

/// <summary>Writes and reads the delta layout (docs/border-snapshot.md). Reading never throws.</summary>
internal static class DeltaCodec
{
    private const string What = "delta";

    public static byte[] Write(
        long baseVersion, SnapshotContents to, byte[] resultDigest, ReadOnlySpan<HashEntry> added, ReadOnlySpan<HashEntry> removed, BorderSigningKey signingKey)
    {
        var signed = DeltaHeaderSize + ((added.Length + removed.Length) * HashEntry.Size);
        var bytes = new byte[signed + SignatureSize];
        var span = bytes.AsSpan();
        FieldCodec.WritePrefix(span, DeltaMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[DeltaAddedCountOffset..], (uint)added.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[DeltaRemovedCountOffset..], (uint)removed.Length);
        BinaryPrimitives.WriteInt64LittleEndian(span[DeltaBaseVersionOffset..], baseVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span[DeltaVersionOffset..], to.Version);
        FieldCodec.WriteInstant(span[DeltaIssuedAtOffset..], to.IssuedAt);
        FieldCodec.WriteInstant(span[DeltaValidUntilOffset..], to.ValidUntil);
        signingKey.PublicKey.IdBytes.CopyTo(span[DeltaKeyIdOffset..]);
        to.HashKeyId.CopyTo(span[DeltaHashKeyIdOffset..]);
        resultDigest.CopyTo(span[DeltaResultDigestOffset..]);
        FieldCodec.WriteEntries(span[DeltaHeaderSize..], added);
        FieldCodec.WriteEntries(span[(DeltaHeaderSize + (added.Length * HashEntry.Size))..], removed);
        signingKey.Sign(span[..signed]).CopyTo(span[signed..]);
        return bytes;
    }

    /// <summary>Structure and signature only; the caller checks the clock.</summary>
    public static SnapshotResult<BorderSnapshotDelta> Read(ReadOnlySpan<byte> bytes, BorderPublicKey publicKey)
    {
        var refusal = FieldCodec.CheckPrefix(bytes, DeltaMagic, DeltaHeaderSize, What);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        long added = BinaryPrimitives.ReadUInt32LittleEndian(bytes[DeltaAddedCountOffset..]);
        long removed = BinaryPrimitives.ReadUInt32LittleEndian(bytes[DeltaRemovedCountOffset..]);
        refusal = FieldCodec.CheckLength(bytes, DeltaHeaderSize, added + removed, What)
            ?? FieldCodec.CheckKeyId(bytes.Slice(DeltaKeyIdOffset, KeyIdSize), publicKey, What)
            ?? FieldCodec.CheckSignature(bytes, publicKey, What);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        var baseVersion = BinaryPrimitives.ReadInt64LittleEndian(bytes[DeltaBaseVersionOffset..]);
        var version = BinaryPrimitives.ReadInt64LittleEndian(bytes[DeltaVersionOffset..]);
        if (!FieldCodec.TryReadInstant(bytes[DeltaIssuedAtOffset..], out var issuedAt) ||
            !FieldCodec.TryReadInstant(bytes[DeltaValidUntilOffset..], out var validUntil))
        {
            return SnapshotResult<BorderSnapshotDelta>.Refused(SnapshotRefusalReason.Malformed, "the delta has an instant out of range");
        }

        refusal = FieldCodec.CheckTimes(baseVersion, issuedAt, validUntil, What)
            ?? (version <= baseVersion ? new(SnapshotRefusalReason.Malformed, $"the delta goes from version {baseVersion} back to {version}") : null);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        var addedEntries = FieldCodec.ReadStrictlySorted(bytes[DeltaHeaderSize..], (int)added);
        var removedEntries = FieldCodec.ReadStrictlySorted(bytes[(DeltaHeaderSize + ((int)added * HashEntry.Size))..], (int)removed);
        if (addedEntries is null || removedEntries is null)
        {
            return SnapshotResult<BorderSnapshotDelta>.Refused(SnapshotRefusalReason.Malformed, "the delta's hashes are not in strictly increasing order");
        }

        return SnapshotResult<BorderSnapshotDelta>.Accepted(new BorderSnapshotDelta(
            baseVersion,
            version,
            issuedAt,
            validUntil,
            bytes.Slice(DeltaKeyIdOffset, KeyIdSize).ToArray(),
            bytes.Slice(DeltaHashKeyIdOffset, KeyIdSize).ToArray(),
            bytes.Slice(DeltaResultDigestOffset, DigestSize).ToArray(),
            addedEntries,
            removedEntries));
    }

    private static SnapshotResult<BorderSnapshotDelta> Refused(SnapshotRefusal refusal) =>
        SnapshotResult<BorderSnapshotDelta>.Refused(refusal.Reason, refusal.Message);
}
