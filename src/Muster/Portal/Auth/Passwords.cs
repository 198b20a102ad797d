using Microsoft.AspNetCore.Identity;

namespace Muster.Cli.Portal.Auth;

/// <summary>
/// Password hashes of local accounts: ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2 with HMAC-SHA512, a random 128-bit salt per password, 100,000 iterations; the format
/// carries its parameters, so stronger settings can come later without breaking old hashes).
/// </summary>
public static class Passwords
{
    public const int MinLength = 10;

    private static readonly PasswordHasher<string> Hasher = new();

    public static string Hash(string username, string password) => Hasher.HashPassword(username, password);

    public static bool Verify(string username, string hash, string password)
    {
        try
        {
            return Hasher.VerifyHashedPassword(username, hash, password) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A hash no password matches: checked against when the username is unknown, so a wrong name takes as long as a wrong password.</summary>
    public static readonly string Decoy = Hash("decoy", Guid.NewGuid().ToString("N"));
}
