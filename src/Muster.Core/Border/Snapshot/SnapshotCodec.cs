using System.Buffers.Binary;
using static Muster.Core.Border.Snapshot.SnapshotFormat;

namespace Muster.Core.Border.Snapshot;

/// <summary>Writes and reads the snapshot layout (docs/border-snapshot.md). Reading never throws.</summary>
internal static class SnapshotCodec
{
    private const string What = "snapshot";

    public static byte[] Write(SnapshotContents contents, BorderSigningKey signingKey)
    {
        var signed = SnapshotHeaderSize + (contents.Entries.Length * HashEntry.Size);
        var bytes = new byte[signed + SignatureSize];
        var span = bytes.AsSpan();
        FieldCodec.WritePrefix(span, SnapshotMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[SnapshotCountOffset..], (uint)contents.Entries.Length);
        BinaryPrimitives.WriteInt64LittleEndian(span[SnapshotVersionOffset..], contents.Version);
        FieldCodec.WriteInstant(span[SnapshotIssuedAtOffset..], contents.IssuedAt);
        FieldCodec.WriteInstant(span[SnapshotValidUntilOffset..], contents.ValidUntil);
        contents.KeyId.CopyTo(span[SnapshotKeyIdOffset..]);
        contents.HashKeyId.CopyTo(span[SnapshotHashKeyIdOffset..]);
        FieldCodec.WriteEntries(span[SnapshotHeaderSize..], contents.Entries);
        signingKey.Sign(span[..signed]).CopyTo(span[signed..]);
        return bytes;
    }

    /// <summary>Structure and signature only; the caller checks the hash key and the clock.</summary>
    public static SnapshotResult<SnapshotContents> Read(ReadOnlySpan<byte> bytes, BorderPublicKey publicKey)
    {
        var refusal = FieldCodec.CheckPrefix(bytes, SnapshotMagic, SnapshotHeaderSize, What);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(bytes[SnapshotCountOffset..]);
        refusal = FieldCodec.CheckLength(bytes, SnapshotHeaderSize, count, What)
            ?? FieldCodec.CheckKeyId(bytes.Slice(SnapshotKeyIdOffset, KeyIdSize), publicKey, What)
            ?? FieldCodec.CheckSignature(bytes, publicKey, What);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        // Signed by the centre from here on; what follows catches a centre bug, not an attacker.
        var version = BinaryPrimitives.ReadInt64LittleEndian(bytes[SnapshotVersionOffset..]);
        if (!FieldCodec.TryReadInstant(bytes[SnapshotIssuedAtOffset..], out var issuedAt) ||
            !FieldCodec.TryReadInstant(bytes[SnapshotValidUntilOffset..], out var validUntil))
        {
            return SnapshotResult<SnapshotContents>.Refused(SnapshotRefusalReason.Malformed, "the snapshot has an instant out of range");
        }

        refusal = FieldCodec.CheckTimes(version, issuedAt, validUntil, What);
        if (refusal is not null)
        {
            return Refused(refusal);
        }

        var entries = FieldCodec.ReadStrictlySorted(bytes[SnapshotHeaderSize..], (int)count);
        return entries is null
            ? SnapshotResult<SnapshotContents>.Refused(SnapshotRefusalReason.Malformed, "the snapshot's hashes are not in strictly increasing order")
            : SnapshotResult<SnapshotContents>.Accepted(new SnapshotContents(
                version,
                issuedAt,
                validUntil,
                bytes.Slice(SnapshotKeyIdOffset, KeyIdSize).ToArray(),
                bytes.Slice(SnapshotHashKeyIdOffset, KeyIdSize).ToArray(),
                entries));
    }

    private static SnapshotResult<SnapshotContents> Refused(SnapshotRefusal refusal) =>
        SnapshotResult<SnapshotContents>.Refused(refusal.Reason, refusal.Message);
}
