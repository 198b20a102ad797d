using System.Security.Cryptography;

namespace Muster.Core.Border.Snapshot;

/// <summary>Short public names for keys, written in every snapshot so a post can say which key it expected.</summary>
internal static class BorderKeyIds
{
    /// <summary>Signing key: first 8 bytes of SHA-256 of its SubjectPublicKeyInfo (DER).</summary>
    public static byte[] OfPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo) => SHA256.HashData(subjectPublicKeyInfo)[..SnapshotFormat.KeyIdSize];

    /// <summary>
    /// Hash key: first 8 bytes of HMAC-SHA256(key, "muster border hash key id"). A MAC under the key
    /// reveals nothing about it, and the text has no '|', so it can never be a document's hash.
    /// </summary>
    public static byte[] OfHashKey(ReadOnlySpan<byte> hashKey) => HMACSHA256.HashData(hashKey, "muster border hash key id"u8)[..SnapshotFormat.KeyIdSize];
}
