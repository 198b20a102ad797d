using System.Security.Cryptography;

namespace Muster.Cli.Server.Register;

/// <summary>New ids for persons, summonses, facts and border-check references: a prefix and 80 random bits.</summary>
public static class Ids
{
    private const int ReferenceLength = 12;

    // Random bytes for references, drawn from the CSPRNG a few hundred at a time: every border check
    // takes a reference, and one call into OpenSSL's generator per check (its locks, its error-queue
    // clearing) was a visible share of the server's CPU. Same generator, same bytes, fewer calls.
    // One buffer per thread, so no lock; bytes are used once and never handed out twice.
    private const int ReferencesPerFill = 64;
    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_used;

    public static string New(string prefix) => prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>A border-check reference the officer can read out: "BC-" and 12 characters without look-alikes.</summary>
    public static string Reference()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        var random = NextReferenceBytes();
        return string.Create(3 + ReferenceLength, random, static (text, random) =>
        {
            "BC-".CopyTo(text);
            for (var i = 0; i < ReferenceLength; i++)
            {
                text[3 + i] = alphabet[random[i] % alphabet.Length];
            }
        });
    }

    /// <summary>The next 12 unused random bytes of this thread's buffer (refilled from the CSPRNG when spent).</summary>
    private static ReadOnlySpan<byte> NextReferenceBytes()
    {
        var buffer = t_random ??= new byte[ReferenceLength * ReferencesPerFill];
        if (t_used == 0 || t_used + ReferenceLength > buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            t_used = 0;
        }

        var bytes = buffer.AsSpan(t_used, ReferenceLength);
        t_used += ReferenceLength;
        return bytes;
    }
}
