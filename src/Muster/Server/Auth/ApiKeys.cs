using System.Security.Cryptography;
using System.Text;

namespace Muster.Cli.Server.Auth;

/// <summary>
/// API keys: 32 random bytes, shown once as "mk_" + base64url; only their SHA-256 (hex) is stored.
/// A key has 256 bits of entropy, so a fast hash is enough: there is nothing to guess.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "mk_";

    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewKeyId() => "k-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
