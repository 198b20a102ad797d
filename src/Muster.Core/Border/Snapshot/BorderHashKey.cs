using System.Security.Cryptography;

namespace Muster.Core.Border.Snapshot;

/// <summary>
/// The secret key of the document hashes (256 random bits). The centre and every post hold it:
/// a post must hash the document in front of it to look it up. docs/border-snapshot.md says
/// what that means if a post leaks it.
/// </summary>
public sealed class BorderHashKey
{
    public const int Size = 32;
    private const string PemLabel = "MUSTER BORDER HASH KEY";
    private readonly byte[] _key;

    private BorderHashKey(byte[] key)
    {
        _key = key;
        IdBytes = BorderKeyIds.OfHashKey(key);
    }

    /// <summary>16 lower-case hex digits that name the key without revealing it.</summary>
    public string Id => SnapshotFormat.Hex(IdBytes);

    internal byte[] IdBytes { get; }

    /// <summary>The key itself, never handed out: <see cref="DocumentHash"/> caches a context per key array.</summary>
    internal byte[] Key => _key;

    public static BorderHashKey Generate() => new(RandomNumberGenerator.GetBytes(Size));

    public static BorderHashKey FromBytes(ReadOnlySpan<byte> key) =>
        key.Length == Size ? new BorderHashKey(key.ToArray()) : throw new ArgumentException($"a hash key is {Size} bytes, not {key.Length}", nameof(key));

    /// <summary>Reads the PEM block written by <see cref="ToPem"/>.</summary>
    public static BorderHashKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != PemLabel)
        {
            throw new FormatException($"not a hash key (expected -----BEGIN {PemLabel}-----)");
        }

        var key = Convert.FromBase64String(pem[fields.Base64Data]);
        return key.Length == Size ? new BorderHashKey(key) : throw new FormatException($"a hash key is {Size} bytes, this one is {key.Length}");
    }

    public string ToPem() => $"Muster border hash key, id {Id}. Secret: give it only to border posts.\n{new string(PemEncoding.Write(PemLabel, _key))}\n";

    /// <summary>The hash a snapshot holds for this document, as hex; the centre can find the document from it, nobody else can.</summary>
    public string HashOf(string issuingState, string documentNumber) => DocumentHash.Compute(_key, issuingState, documentNumber).ToString();
}
