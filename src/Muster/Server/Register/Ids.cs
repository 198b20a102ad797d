using System.Security.Cryptography;

namespace Muster.Cli.Server.Register;

/// <summary>New ids for persons, summonses, facts and border-check references: a prefix and 80 random bits.</summary>
public static class Ids
{
    public static string New(string prefix) => prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>A border-check reference the officer can read out: "BC-" and 12 characters without look-alikes.</summary>
    public static string Reference()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> text = stackalloc char[12];
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < text.Length; i++)
        {
            text[i] = alphabet[random[i] % alphabet.Length];
        }

        return "BC-" + new string(text);
    }
}
