using Muster.Core.Border.Snapshot;
using Muster.Storage.Border;
using NodaTime;

namespace Muster.Cli.Server.Border;

/// <summary>
/// The keys the server signs and hashes snapshots with: from the files `muster border keygen` wrote
/// (Muster:Border:KeysDirectory), or made once and kept in the store, so every node of a PostgreSQL
/// deployment signs with the same key. The signing key never leaves the server; the public key is
/// published, the hash key goes to posts (docs/border-snapshot.md).
/// </summary>
public sealed class BorderKeyring : IDisposable
{
    private BorderKeyring(BorderSigningKey signing, BorderHashKey hash, string source)
    {
        Signing = signing;
        Hash = hash;
        Source = source;
    }

    public BorderSigningKey Signing { get; }

    public BorderHashKey Hash { get; }

    public BorderPublicKey Public => Signing.PublicKey;

    /// <summary>Where the keys came from, for the start-up log.</summary>
    public string Source { get; }

    public static async Task<BorderKeyring> LoadAsync(BorderOptions options, IBorderStore store, IClock clock, CancellationToken cancellationToken)
    {
        if (options.KeysDirectory is { } folder)
        {
            return FromFolder(Path.GetFullPath(folder));
        }

        var kept = await store.KeysAsync(() =>
        {
            using var signing = BorderSigningKey.Generate();
            return new BorderKeysRecord(signing.ToPkcs8Pem(), BorderHashKey.Generate().ToPem(), clock.GetCurrentInstant());
        }, cancellationToken);
        try
        {
            return new BorderKeyring(BorderSigningKey.FromPkcs8Pem(kept.SigningKeyPem), BorderHashKey.FromPem(kept.HashKeyPem), "the store (border_keys)");
        }
        catch (FormatException e)
        {
            throw new CliInputException($"border_keys: the keys kept in the store cannot be read ({e.Message})", e);
        }
    }

    private static BorderKeyring FromFolder(string folder)
    {
        var signing = BorderKeyFiles.ReadSigningKey(Path.Combine(folder, BorderKeyFiles.SigningKey));
        try
        {
            var hash = BorderKeyFiles.ReadHashKey(Path.Combine(folder, BorderKeyFiles.HashKey));

            // The posts verify with the published public key: one that does not belong to the signing key would fail every snapshot.
            var publicPath = Path.Combine(folder, BorderKeyFiles.PublicKey);
            if (File.Exists(publicPath) && BorderKeyFiles.ReadPublicKey(publicPath).KeyId is var published && published != signing.KeyId)
            {
                throw new CliInputException($"{publicPath}: key id {published} is not the public key of {BorderKeyFiles.SigningKey} (key id {signing.KeyId})");
            }

            return new BorderKeyring(signing, hash, folder);
        }
        catch
        {
            signing.Dispose();
            throw;
        }
    }

    public void Dispose() => Signing.Dispose();
}
