using System.Collections.Concurrent;
using Muster.Cli.Server.Register;
using Muster.Storage;
using Muster.Storage.Api;

namespace Muster.Cli.Server.Border;

/// <summary>
/// The holders of each identity document that border checks asked about, kept in memory so a check
/// reads no database: the answer the store gave, until <see cref="RegisterChanges"/> says one of the
/// holders changed (this node's writes at once, other nodes' within <see cref="ServerOptions.FollowLogMilliseconds"/>).
/// A holder's record is cached by version in <see cref="RegisterService"/>, so a cached holder list
/// is all a check needs. Documents nobody holds are not cached (a new registration must be seen at
/// once), and while <see cref="LogFollower"/> is not current every look-up goes to the store.
/// </summary>
public sealed class DocumentHolders
{
    private const int MaxDocuments = 2_000_000;
    private readonly ConcurrentDictionary<(string Number, string State), IReadOnlyList<PersonSummary>> _byDocument = new();
    private readonly ConcurrentDictionary<string, (string Number, string State)[]> _documentsOf = new(StringComparer.Ordinal);
    private readonly IRegisterDirectory _directory;
    private readonly LogFollower _follower;
    private long _generation;

    public DocumentHolders(IRegisterDirectory directory, RegisterChanges changes, LogFollower follower)
    {
        _directory = directory;
        _follower = follower;
        changes.PersonChanged += (personId, registration) =>
        {
            if (registration)
            {
                // New or changed documents: any cached document may now have another holder.
                ForgetAll();
            }
            else
            {
                Forget(personId);
            }
        };
        changes.EverythingChanged += ForgetAll;
    }

    public int Count => _byDocument.Count;

    public async Task<IReadOnlyList<PersonSummary>> FindAsync(string number, string issuingState, CancellationToken cancellationToken)
    {
        if (!_follower.IsCurrent)
        {
            return await _directory.FindByDocumentAsync(number, issuingState, cancellationToken);
        }

        var key = (number, issuingState);
        if (_byDocument.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var generation = Interlocked.Read(ref _generation);
        var holders = await _directory.FindByDocumentAsync(number, issuingState, cancellationToken);
        if (holders.Count > 0 && _byDocument.Count < MaxDocuments)
        {
            foreach (var holder in holders)
            {
                _documentsOf.AddOrUpdate(holder.PersonId, [key], (_, keys) => keys.Contains(key) ? keys : [.. keys, key]);
            }

            _byDocument[key] = holders;
            if (Interlocked.Read(ref _generation) != generation)
            {
                // A change arrived while the store was read: what was read may be from before it.
                _byDocument.TryRemove(key, out _);
            }
        }

        return holders;
    }

    private void Forget(string personId)
    {
        Interlocked.Increment(ref _generation);
        if (_documentsOf.TryRemove(personId, out var keys))
        {
            foreach (var key in keys)
            {
                _byDocument.TryRemove(key, out _);
            }
        }
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _byDocument.Clear();
        _documentsOf.Clear();
    }
}
