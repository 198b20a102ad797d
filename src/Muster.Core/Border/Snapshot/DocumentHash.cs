using System.Security.Cryptography;

namespace Muster.Core.Border.Snapshot;

/// <summary>The keyed hash of a document: HMAC-SHA256(hash key, "STATE|NUMBER"), first 12 bytes.</summary>
internal static class DocumentHash
{
    /// <summary>Allocation-free: the canonical text and the MAC live on the stack.</summary>
    public static HashEntry Compute(ReadOnlySpan<byte> hashKey, string issuingState, string documentNumber)
    {
        Span<byte> text = stackalloc byte[DocumentIdentifier.MaxLength];
        var length = DocumentIdentifier.Write(issuingState, documentNumber, text);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(hashKey, text[..length], mac);
        return HashEntry.Read(mac);
    }
}
