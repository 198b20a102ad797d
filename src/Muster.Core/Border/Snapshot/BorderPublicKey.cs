using System.Security.Cryptography;

namespace Muster.Core.Border.Snapshot;

/// <summary>
/// The centre's published snapshot key (ECDSA P-256, SubjectPublicKeyInfo). Posts hold it to verify
/// snapshots and deltas; it can verify, never sign.
/// </summary>
public sealed class BorderPublicKey
{
    private readonly byte[] _subjectPublicKeyInfo;

    private BorderPublicKey(byte[] subjectPublicKeyInfo)
    {
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        IdBytes = BorderKeyIds.OfPublicKey(subjectPublicKeyInfo);
    }

    /// <summary>First 8 bytes of SHA-256 of the SubjectPublicKeyInfo, 16 lower-case hex digits.</summary>
    public string KeyId => SnapshotFormat.Hex(IdBytes);

    internal byte[] IdBytes { get; }

    /// <summary>Reads a "PUBLIC KEY" PEM (text around it, such as a key id line, is ignored); refuses anything but P-256.</summary>
    public static BorderPublicKey FromPem(string pem)
    {
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("not a PEM public key (expected -----BEGIN PUBLIC KEY-----)", e);
        }
        catch (CryptographicException e)
        {
            throw new FormatException("not an ECDSA public key", e);
        }

        BorderSigningKey.RequireP256(ecdsa);
        return new BorderPublicKey(ecdsa.ExportSubjectPublicKeyInfo());
    }

    internal static BorderPublicKey Of(ECDsa ecdsa) => new(ecdsa.ExportSubjectPublicKeyInfo());

    /// <summary>SubjectPublicKeyInfo PEM preceded by a line naming the key id (PEM readers skip it).</summary>
    public string ToPem() =>
        $"Muster border snapshot public key, key id {KeyId}\n{PemEncodingText("PUBLIC KEY", _subjectPublicKeyInfo)}\n";

    internal bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        try
        {
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string PemEncodingText(string label, byte[] data) => new(PemEncoding.Write(label, data));
}
