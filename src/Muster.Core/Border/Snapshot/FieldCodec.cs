using System.Buffers.Binary;
using System.Security.Cryptography;
using NodaTime;

namespace Muster.Core.Border.Snapshot;

/// <summary>The pieces snapshots and deltas share: the common prefix, instants, entry arrays, the set digest.</summary>
internal static class FieldCodec
{
    /// <summary>Magic (8), format version (2), entry size (1), reserved (1).</summary>
    public const int PrefixSize = 12;

    public static void WritePrefix(Span<byte> destination, ReadOnlySpan<byte> magic)
    {
        magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], SnapshotFormat.Version);
        destination[10] = HashEntry.Size;
        destination[11] = 0;
    }

    /// <summary>Null if <paramref name="bytes"/> can hold a header of <paramref name="headerSize"/> and starts right.</summary>
    public static SnapshotRefusal? CheckPrefix(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> magic, int headerSize, string what)
    {
        if (bytes.Length < headerSize + SnapshotFormat.SignatureSize)
        {
            return new(SnapshotRefusalReason.Truncated, $"the {what} is {bytes.Length} bytes, shorter than its header and signature ({headerSize + SnapshotFormat.SignatureSize})");
        }

        if (!bytes[..SnapshotFormat.MagicSize].SequenceEqual(magic))
        {
            return new(SnapshotRefusalReason.BadMagic, $"not a Muster border {what}: it starts with {SnapshotFormat.Hex(bytes[..SnapshotFormat.MagicSize])}, not \"{System.Text.Encoding.ASCII.GetString(magic)}\"");
        }

        var format = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        if (format != SnapshotFormat.Version)
        {
            return new(SnapshotRefusalReason.UnsupportedFormat, $"the {what} has format version {format}; this program reads version {SnapshotFormat.Version}");
        }

        return bytes[10] != HashEntry.Size || bytes[11] != 0
            ? new(SnapshotRefusalReason.Malformed, $"the {what} has entry size {bytes[10]} and reserved byte {bytes[11]}; expected {HashEntry.Size} and 0")
            : null;
    }

    /// <summary>Null if the length is exactly header + entries + signature.</summary>
    public static SnapshotRefusal? CheckLength(ReadOnlySpan<byte> bytes, int headerSize, long entryCount, string what)
    {
        var expected = headerSize + (entryCount * HashEntry.Size) + SnapshotFormat.SignatureSize;
        return bytes.Length == expected
            ? null
            : bytes.Length < expected
                ? new(SnapshotRefusalReason.Truncated, $"the {what} is {bytes.Length} bytes; its header announces {entryCount} entries, {expected} bytes")
                : new(SnapshotRefusalReason.Malformed, $"the {what} has {bytes.Length - expected} bytes after its signature");
    }

    public static SnapshotRefusal? CheckKeyId(ReadOnlySpan<byte> keyId, BorderPublicKey publicKey, string what) =>
        keyId.SequenceEqual(publicKey.IdBytes)
            ? null
            : new(SnapshotRefusalReason.WrongKey, $"the {what} says it is signed with key {SnapshotFormat.Hex(keyId)}; this post trusts key {publicKey.KeyId}");

    public static SnapshotRefusal? CheckSignature(ReadOnlySpan<byte> bytes, BorderPublicKey publicKey, string what)
    {
        var signed = bytes.Length - SnapshotFormat.SignatureSize;
        return publicKey.Verify(bytes[..signed], bytes[signed..])
            ? null
            : new(SnapshotRefusalReason.BadSignature, $"the {what}'s signature does not verify with key {publicKey.KeyId}: it was changed or not made by the centre");
    }

    public static void WriteInstant(Span<byte> destination, Instant instant) =>
        BinaryPrimitives.WriteInt64LittleEndian(destination, instant.ToUnixTimeMilliseconds());

    public static bool TryReadInstant(ReadOnlySpan<byte> source, out Instant instant)
    {
        var milliseconds = BinaryPrimitives.ReadInt64LittleEndian(source);
        var inRange = milliseconds >= Instant.MinValue.ToUnixTimeMilliseconds() && milliseconds <= Instant.MaxValue.ToUnixTimeMilliseconds();
        instant = inRange ? Instant.FromUnixTimeMilliseconds(milliseconds) : default;
        return inRange;
    }

    public static void WriteEntries(Span<byte> destination, ReadOnlySpan<HashEntry> entries)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i].Write(destination[(i * HashEntry.Size)..]);
        }
    }

    /// <summary>Reads <paramref name="count"/> entries; null unless they are in strictly increasing order.</summary>
    public static HashEntry[]? ReadStrictlySorted(ReadOnlySpan<byte> source, int count)
    {
        var entries = new HashEntry[count];
        for (var i = 0; i < count; i++)
        {
            entries[i] = HashEntry.Read(source[(i * HashEntry.Size)..]);
            if (i > 0 && entries[i - 1] >= entries[i])
            {
                return null;
            }
        }

        return entries;
    }

    /// <summary>SHA-256 of the entries as a snapshot writes them: lets a post check that a delta led it to the centre's list.</summary>
    public static byte[] Digest(ReadOnlySpan<HashEntry> entries)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> chunk = stackalloc byte[HashEntry.Size * 256];
        for (var start = 0; start < entries.Length; start += 256)
        {
            var slice = entries.Slice(start, Math.Min(256, entries.Length - start));
            WriteEntries(chunk, slice);
            sha.AppendData(chunk[..(slice.Length * HashEntry.Size)]);
        }

        return sha.GetHashAndReset();
    }

    public static SnapshotRefusal? CheckTimes(long version, Instant issuedAt, Instant validUntil, string what) =>
        version < 0
            ? new(SnapshotRefusalReason.Malformed, $"the {what} has a negative version {version}")
            : validUntil <= issuedAt
                ? new(SnapshotRefusalReason.Malformed, $"the {what} is valid until {validUntil}, not after it was issued ({issuedAt})")
                : null;
}
