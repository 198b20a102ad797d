using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Muster.Storage.Audit;

/// <summary>
/// The audit hash chain: row n carries hash(n) = SHA-256(hash(n-1) || UTF-8 content(n)) and the
/// previous hash it was computed from; the first row's previous hash is 32 zero bytes.
/// </summary>
internal static class AuditChain
{
    public const int HashSize = 32;
    public static readonly byte[] Genesis = new byte[HashSize];

    // One SHA-256 context per thread, reset after each hash: the one-shot SHA256.HashData sets up and
    // frees an OpenSSL context every call, a visible share of an import that hashes a million rows.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    public static byte[] Next(ReadOnlySpan<byte> previous, string content)
    {
        var max = HashSize + Encoding.UTF8.GetMaxByteCount(content.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            previous.CopyTo(buffer);
            var length = HashSize + Encoding.UTF8.GetBytes(content, buffer.AsSpan(HashSize));
            var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha256.AppendData(buffer, 0, length);
            return sha256.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);
}

/// <summary>The last row of a chain: its sequence number and hash (0 and <see cref="AuditChain.Genesis"/> when empty).</summary>
internal readonly record struct ChainTip(long Sequence, byte[] Hash)
{
    public static ChainTip Empty => new(0, AuditChain.Genesis);
}
