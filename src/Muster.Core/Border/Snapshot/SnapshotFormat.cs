namespace Muster.Core.Border.Snapshot;

/// <summary>
/// The byte layout of snapshots and deltas, format version 1 (docs/border-snapshot.md has the table).
/// Integers are little-endian; hashes are byte strings ordered byte by byte.
/// </summary>
internal static class SnapshotFormat
{
    public const ushort Version = 1;
    public const int SignatureSize = 64;
    public const int KeyIdSize = 8;
    public const int DigestSize = 32;

    /// <summary>Different magics for snapshots and deltas, so a signed delta can never be read as a snapshot or back.</summary>
    public static ReadOnlySpan<byte> SnapshotMagic => "MUSTERBS"u8;

    public static ReadOnlySpan<byte> DeltaMagic => "MUSTERBD"u8;

    public const int MagicSize = 8;

    // Snapshot header offsets.
    public const int SnapshotCountOffset = 12;
    public const int SnapshotVersionOffset = 16;
    public const int SnapshotIssuedAtOffset = 24;
    public const int SnapshotValidUntilOffset = 32;
    public const int SnapshotKeyIdOffset = 40;
    public const int SnapshotHashKeyIdOffset = 48;
    public const int SnapshotHeaderSize = 56;

    // Delta header offsets.
    public const int DeltaAddedCountOffset = 12;
    public const int DeltaRemovedCountOffset = 16;
    public const int DeltaBaseVersionOffset = 20;
    public const int DeltaVersionOffset = 28;
    public const int DeltaIssuedAtOffset = 36;
    public const int DeltaValidUntilOffset = 44;
    public const int DeltaKeyIdOffset = 52;
    public const int DeltaHashKeyIdOffset = 60;
    public const int DeltaResultDigestOffset = 68;
    public const int DeltaHeaderSize = 100;

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
