using Microsoft.AspNetCore.Http.HttpResults;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Problems;
using Muster.Core.Policies;
using Muster.Storage;
using Muster.Storage.Api;
using NodaTime;

namespace Muster.Cli.Server.Register;

/// <summary>
/// What every feature API does with the register: read a person the caller may see (recording an
/// official's read in the access log), and run a command — decide on the current record, append the
/// facts with the version decided on, and try again if someone appended in between.
/// "Now" is read here, once per request, from the injected clock.
/// </summary>
public sealed class RegisterService(IFactStore store, IRegisterDirectory directory, AccessLog accessLog, RegisterChanges changes, PolicySet policies, IClock clock)
{
    private const int Attempts = 5;
    private const int MaxCachedRecords = 100_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PersonRecord> _records = new(StringComparer.Ordinal);

    public IFactStore Store => store;

    public IRegisterDirectory Directory => directory;

    /// <summary>Where a write made outside <see cref="RunAsync{T}"/> is reported, so this node's caches forget what it changed.</summary>
    public RegisterChanges Changes => changes;

    public PolicySet Policies => policies;

    public Instant Now => clock.GetCurrentInstant();

    /// <summary>Reads a person for <paramref name="caller"/>: 404 unknown, 403 outside their scope; an official's read is logged with <paramref name="purpose"/>.</summary>
    public async Task<(PersonRecord? Record, ProblemHttpResult? Problem)> ReadAsync(Caller caller, string personId, string purpose, CancellationToken cancellationToken)
    {
        var (record, problem) = await LoadAsync(caller, personId, checkScope: true, cancellationToken);
        if (record is not null && caller.IsOfficial)
        {
            await RecordAccessAsync(caller, personId, purpose, cancellationToken);
        }

        return (record, problem);
    }

    /// <summary>Who read a person's data, oldest first — including every read this node answered a moment ago.</summary>
    public async Task<IReadOnlyList<AccessRecord>> ReadAccessLogAsync(string personId, CancellationToken cancellationToken)
    {
        await accessLog.SettleAsync(cancellationToken);
        return await store.ReadAccessLogAsync(personId, cancellationToken);
    }

    /// <summary>Records an official's read of a person's data (access log, group-committed); returns once it is stored.</summary>
    public Task RecordAccessAsync(Caller caller, string personId, string purpose, CancellationToken cancellationToken) =>
        accessLog.RecordAsync(new AccessEntry(caller.Actor, personId, purpose, Now), cancellationToken);

    /// <summary>
    /// A person's record for evaluation, without re-reading and re-parsing their facts when the
    /// version a projection just showed is the one cached (facts are append-only: same version, same facts).
    /// </summary>
    public async Task<PersonRecord> RecordOfAsync(string personId, long version, CancellationToken cancellationToken)
    {
        if (_records.TryGetValue(personId, out var cached) && cached.Version == version)
        {
            return cached;
        }

        var stream = await store.ReadPersonAsync(personId, cancellationToken);
        var record = new PersonRecord(personId, stream.Facts, stream.Version);
        if (_records.Count >= MaxCachedRecords)
        {
            _records.Clear();
        }

        _records[personId] = record;
        return record;
    }

    /// <summary>The person a summons belongs to, read as <see cref="ReadAsync"/> does; 404 when there is no such summons.</summary>
    public async Task<(string? PersonId, ProblemHttpResult? Problem)> SummonsPersonAsync(Caller caller, string summonsId, CancellationToken cancellationToken)
    {
        var personId = await directory.FindSummonsPersonAsync(summonsId, cancellationToken);
        if (personId is null)
        {
            return (null, ApiProblem.NotFound("summonsId", $"no summons '{summonsId}'"));
        }

        // A citizen learns nothing about other people's summonses, not even that they exist.
        return caller.Is(Roles.Citizen) && caller.PersonId != personId
            ? (null, ApiProblem.NotFound("summonsId", $"no summons '{summonsId}'"))
            : (personId, null);
    }

    /// <summary>
    /// Runs a command on a person: <paramref name="decide"/> sees the current record and returns facts
    /// and an answer, or a problem. With If-Match the append must find exactly that version (else 412);
    /// without, a concurrent append makes us decide again on the new record. Nothing is half-written:
    /// the facts of one decision are appended atomically or not at all.
    /// </summary>
    public async Task<Outcome<T>> ChangeAsync<T>(
        Caller caller, string personId, long? ifMatch, Func<PersonRecord, Decision<T>> decide, CancellationToken cancellationToken, bool checkScope = true)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var (record, problem) = await LoadAsync(caller, personId, checkScope, cancellationToken);
            if (record is null)
            {
                return new Outcome<T>(null, 0, problem);
            }

            if (ifMatch is { } expected && expected != record.Version)
            {
                return new Outcome<T>(null, record.Version, ApiProblem.StaleVersion(expected, record.Version));
            }

            var decision = decide(record);
            if (decision.Problem is { } refused)
            {
                return new Outcome<T>(null, record.Version, refused);
            }

            if (decision.Facts.Count == 0)
            {
                return new Outcome<T>(decision.Value, record.Version, null);
            }

            switch (await store.AppendAsync(personId, record.Version, decision.Facts, cancellationToken))
            {
                case AppendResult.Appended appended:
                    changes.Appended(personId, decision.Facts);
                    return new Outcome<T>(decision.Value, appended.Version, null);
                case AppendResult.AlreadyPresent present:
                    return new Outcome<T>(decision.Value, present.Version, null);
                case AppendResult.VersionConflict conflict when ifMatch is not null:
                    return new Outcome<T>(null, conflict.Actual, ApiProblem.StaleVersion(record.Version, conflict.Actual));
                case AppendResult.VersionConflict conflict when attempt == Attempts:
                    // No If-Match was sent, so no precondition failed (412 would be wrong): the record kept changing under us.
                    return new Outcome<T>(null, conflict.Actual, ApiProblem.KeptChanging(personId, Attempts, conflict.Actual));
                case AppendResult.VersionConflict:
                    continue;
                case AppendResult.Conflict c:
                    return new Outcome<T>(null, record.Version, ApiProblem.Conflict("id", $"fact '{c.FactId}': {c.Reason}"));
                case AppendResult.Rejected r:
                    return new Outcome<T>(null, record.Version, Rejected(r.Reason));
            }
        }
    }

    private async Task<(PersonRecord? Record, ProblemHttpResult? Problem)> LoadAsync(Caller caller, string personId, bool checkScope, CancellationToken cancellationToken)
    {
        if (caller.Is(Roles.Citizen) && caller.PersonId != personId)
        {
            return (null, ApiProblem.Forbidden("a citizen's key reads and acts on their own record only", "personId"));
        }

        var stream = await store.ReadPersonAsync(personId, cancellationToken);
        if (stream.Version == 0)
        {
            return (null, ApiProblem.NotFound("personId", $"no person '{personId}' in the register"));
        }

        var record = new PersonRecord(personId, stream.Facts, stream.Version);
        if (checkScope && !caller.MaySee(personId, record.Region))
        {
            return (null, ApiProblem.Forbidden($"the key of office {caller.Office} ({caller.Region}) may not act for a person registered in {record.Region}", "personId"));
        }

        return (record, null);
    }

    /// <summary>The store's reason names the field first when it can ("summonsId: ...").</summary>
    private static ProblemHttpResult Rejected(string reason)
    {
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        var field = colon > 0 && !reason[..colon].Contains(' ', StringComparison.Ordinal) ? reason[..colon] : "body";
        return ApiProblem.Conflict(field, reason);
    }
}
