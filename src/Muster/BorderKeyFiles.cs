using Muster.Core.Border.Snapshot;

namespace Muster.Cli;

/// <summary>The files `border keygen` writes into a keys folder, and reading them with errors that name the file.</summary>
public static class BorderKeyFiles
{
    /// <summary>Private: stays at the centre.</summary>
    public const string SigningKey = "signing-key.pem";

    /// <summary>Public: published, installed at every post.</summary>
    public const string PublicKey = "public-key.pem";

    /// <summary>Secret, but installed at every post: posts must hash the document in front of them.</summary>
    public const string HashKey = "hash-key.pem";

    public static BorderSigningKey ReadSigningKey(string path) => Read(path, BorderSigningKey.FromPkcs8Pem);

    public static BorderPublicKey ReadPublicKey(string path) => Read(path, BorderPublicKey.FromPem);

    public static BorderHashKey ReadHashKey(string path) => Read(path, BorderHashKey.FromPem);

    private static T Read<T>(string path, Func<string, T> parse)
    {
        var text = File.ReadAllText(path);
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new CliInputException($"{path}: {e.Message}", e);
        }
    }
}
