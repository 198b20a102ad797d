using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Muster.Storage.Api;
using NodaTime;

namespace Muster.Cli.Server.Auth;

/// <summary>
/// Turns a presented key into a <see cref="Caller"/> (null: unknown or revoked), reading the directory
/// at most once per <see cref="ServerOptions.KeyCacheSeconds"/> per key. The cache is keyed by the
/// hash, never the key. Uses the real elapsed time, not the (possibly fake) legal clock.
/// </summary>
public sealed class KeyResolver(IRegisterDirectory directory, IOptions<ServerOptions> options, TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, (Caller? Caller, long Expires)> _cache = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(Math.Max(0, options.Value.KeyCacheSeconds));

    /// <summary>The caller whose key hashes (<see cref="ApiKeys.Hash"/>) to <paramref name="hash"/>; the presented key itself is hashed by <see cref="PresentedKeys"/>.</summary>
    public async ValueTask<Caller?> ResolveHashAsync(string hash, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_ttl > TimeSpan.Zero && _cache.TryGetValue(hash, out var cached) && cached.Expires > now)
        {
            return cached.Caller;
        }

        var caller = await LookUpAsync(hash, cancellationToken);
        if (_ttl > TimeSpan.Zero)
        {
            if (_cache.Count >= MaxEntries)
            {
                _cache.Clear();
            }

            _cache[hash] = (caller, now + (long)(_ttl.TotalSeconds * time.TimestampFrequency));
        }

        return caller;
    }

    private async Task<Caller?> LookUpAsync(string hash, CancellationToken cancellationToken)
    {
        var record = await directory.FindKeyAsync(hash, cancellationToken);
        if (record is null || record.RevokedAt is not null)
        {
            return null;
        }

        string? region = null;
        if (record.Office is { } office)
        {
            region = (await directory.FindOfficeAsync(office, cancellationToken))?.Region;
            if (region is null)
            {
                return null; // the office was never registered: the key cannot act for anyone
            }
        }

        return new Caller(record.KeyId, record.Role, record.Office, region, record.Agency, record.PersonId);
    }
}
