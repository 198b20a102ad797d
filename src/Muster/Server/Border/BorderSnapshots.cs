using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Muster.Core.Border.Snapshot;
using Muster.Storage.Border;
using NodaTime;

namespace Muster.Cli.Server.Border;

/// <summary>
/// The signed offline list and its deltas. The latest snapshot is served from memory for
/// <see cref="BorderOptions.SnapshotCacheSeconds"/>; then the list is read again and, if it changed (or
/// the latest version is <see cref="BorderOptions.SnapshotRefreshMinutes"/> old), signed as a new
/// version and kept in the store with the last <see cref="BorderOptions.SnapshotHistory"/> versions,
/// so any node can answer "since V" for a version another node built. One rebuild at a time per node.
/// </summary>
public sealed partial class BorderSnapshots(
    IBorderStore store, ExitBanList bans, BorderKeyring keys, IClock clock, IOptions<BorderOptions> options, ILogger<BorderSnapshots> log)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Latest? _latest;

    /// <summary>The latest snapshot as served now, with the deltas already made to it from older versions.</summary>
    private sealed record Latest(StoredSnapshot Snapshot, Instant ReadAt, ConcurrentDictionary<long, byte[]> Deltas);

    public async Task<SnapshotAnswer> GetAsync(long? since, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(clock.GetCurrentInstant(), cancellationToken);
        if (since > latest.Snapshot.Version)
        {
            // Another node may have built a newer version than this node's cached one: look before calling the post's version unknown.
            latest = await ReloadAsync(latest, cancellationToken);
        }

        var version = latest.Snapshot.Version;
        if (since == version)
        {
            return new SnapshotAnswer(SnapshotKind.Current, version, null, null);
        }

        return since is { } from && from < version && await DeltaAsync(latest, from, cancellationToken) is { } delta
            ? new SnapshotAnswer(SnapshotKind.Delta, version, from, delta)
            : new SnapshotAnswer(SnapshotKind.Full, version, null, latest.Snapshot.Bytes);
    }

    private async Task<Latest> LatestAsync(Instant now, CancellationToken cancellationToken)
    {
        if (Fresh(_latest, now) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_latest, now) is { } built)
            {
                return built;
            }

            var latest = new Latest(await BuildOrReuseAsync(now, cancellationToken), now, new ConcurrentDictionary<long, byte[]>());
            _latest = latest;
            return latest;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Latest? Fresh(Latest? latest, Instant now) =>
        latest is not null && now >= latest.ReadAt && now - latest.ReadAt < options.Value.CacheTime ? latest : null;

    private async Task<Latest> ReloadAsync(Latest latest, CancellationToken cancellationToken)
    {
        if (await store.LatestSnapshotAsync(cancellationToken) is not { } stored || stored.Version <= latest.Snapshot.Version)
        {
            return latest;
        }

        var newer = new Latest(stored, latest.ReadAt, new ConcurrentDictionary<long, byte[]>());
        _latest = newer;
        return newer;
    }

    private async Task<StoredSnapshot> BuildOrReuseAsync(Instant now, CancellationToken cancellationToken)
    {
        var documents = Listable(await bans.DocumentsAsync(now, cancellationToken));
        var digest = Digest(documents);
        var latest = await store.LatestSnapshotAsync(cancellationToken);
        if (latest is not null && latest.ContentsDigest.AsSpan().SequenceEqual(digest) && latest.IssuedAt <= now && now - latest.IssuedAt < options.Value.RefreshTime)
        {
            return latest;
        }

        // Versions only go up, and stay above what was served before even if the history table were
        // emptied or restored from an older backup: never below the issue instant in Unix seconds.
        var version = Math.Max((latest?.Version ?? 0) + 1, now.ToUnixTimeSeconds());
        var bytes = BorderSnapshotBuilder.Build(version, now, now + options.Value.Validity, documents, keys.Signing, keys.Hash);
        var kept = await store.SaveSnapshotAsync(new StoredSnapshot(version, now, digest, bytes), options.Value.SnapshotHistory, cancellationToken);
        LogBuilt(log, kept.Version, documents.Count, bytes.Length);
        return kept;
    }

    /// <summary>
    /// A delta from a kept version to the latest, made once per latest version. None when the version
    /// is no longer kept, or was signed under other keys (the keys folder changed): the post needs the full list.
    /// </summary>
    private async Task<byte[]?> DeltaAsync(Latest latest, long from, CancellationToken cancellationToken)
    {
        if (latest.Deltas.TryGetValue(from, out var made))
        {
            return made;
        }

        if (await store.FindSnapshotAsync(from, cancellationToken) is not { } old)
        {
            return null;
        }

        try
        {
            var delta = BorderSnapshotDeltaBuilder.Build(old.Bytes, latest.Snapshot.Bytes, keys.Signing);
            latest.Deltas[from] = delta;
            return delta;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The documents a post can look up. One the register holds in a form no MRZ has (e.g. a series in
    /// Cyrillic letters) cannot be normalised (<see cref="DocumentIdentifier"/>); it is left out and
    /// counted in the log, because no post could ever find it — the online check still covers it.
    /// </summary>
    private List<(string IssuingState, string Number)> Listable(List<(string IssuingState, string Number)> documents)
    {
        var listable = documents.Where(d => DocumentIdentifier.Problem(d.IssuingState, d.Number) is null).ToList();
        if (listable.Count < documents.Count)
        {
            LogUnlistable(log, documents.Count - listable.Count);
        }

        return listable;
    }

    /// <summary>What the list says, under which keys: equal digests, equal snapshots (apart from the instants and the version).</summary>
    private byte[] Digest(List<(string IssuingState, string Number)> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes($"{keys.Signing.KeyId} {keys.Hash.Id}\n"));
        foreach (var document in documents.Select(d => DocumentIdentifier.Normalize(d.IssuingState, d.Number)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.ASCII.GetBytes(document + "\n"));
        }

        return hash.GetHashAndReset();
    }

    [LoggerMessage(LogLevel.Information, "border snapshot version {Version}: {Documents} documents, {Bytes} bytes")]
    private static partial void LogBuilt(ILogger logger, long version, int documents, int bytes);

    [LoggerMessage(LogLevel.Warning, "border snapshot: {Count} registered documents of banned persons cannot be written the way an MRZ writes them; they are not in the offline list (the online check covers them)")]
    private static partial void LogUnlistable(ILogger logger, int count);
}
