using System.Security.Cryptography;

namespace Muster.Core.Border.Snapshot;

/// <summary>
/// The centre's private snapshot signing key (ECDSA P-256). Only the server (or an air-gapped
/// centre) holds it; posts get <see cref="PublicKey"/>.
/// </summary>
public sealed class BorderSigningKey : IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private readonly ECDsa _ecdsa;

    private BorderSigningKey(ECDsa ecdsa)
    {
        _ecdsa = ecdsa;
        PublicKey = BorderPublicKey.Of(ecdsa);
    }

    public BorderPublicKey PublicKey { get; }

    public string KeyId => PublicKey.KeyId;

    public static BorderSigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a PKCS#8 "PRIVATE KEY" PEM; refuses anything but a P-256 key.</summary>
    public static BorderSigningKey FromPkcs8Pem(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            RequireP256(ecdsa);
            _ = ecdsa.ExportParameters(includePrivateParameters: true);
            return new BorderSigningKey(ecdsa);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or FormatException)
        {
            ecdsa.Dispose();
            throw new FormatException("not a PKCS#8 PEM private key for ECDSA P-256", e);
        }
    }

    public string ToPkcs8Pem() => _ecdsa.ExportPkcs8PrivateKeyPem() + "\n";

    /// <summary>IEEE P1363 r‖s, 64 bytes: fixed size, so the signature is simply the last 64 bytes of a file.</summary>
    internal byte[] Sign(ReadOnlySpan<byte> data) =>
        _ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    internal static void RequireP256(ECDsa ecdsa)
    {
        var curve = ecdsa.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.Oid?.Value != P256Oid && curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
        {
            throw new FormatException($"the key is on curve {curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "?"}, not P-256");
        }
    }

    public void Dispose() => _ecdsa.Dispose();
}
