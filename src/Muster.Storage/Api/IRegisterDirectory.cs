using NodaTime;

namespace Muster.Storage.Api;

/// <summary>
/// What the JSON API keeps beside the fact log: API keys (hashes only), enlistment offices, and
/// lookups from a summons or fact id to the person it belongs to. Open one with
/// <see cref="RegisterDirectory.OpenAsync"/> on the same connection text as the store.
/// Driver errors become <see cref="StoreException"/>.
/// </summary>
public interface IRegisterDirectory : IAsyncDisposable
{
    Task CreateKeyAsync(ApiKeyRecord key, string hash, CancellationToken cancellationToken = default);

    /// <summary>The key with this hash, revoked or not (null: no such key).</summary>
    Task<ApiKeyRecord?> FindKeyAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Marks a key revoked; false when there is no such key or it was already revoked.</summary>
    Task<bool> RevokeKeyAsync(string keyId, Instant at, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds an office or changes its region and name.</summary>
    Task SaveOfficeAsync(OfficeRecord office, CancellationToken cancellationToken = default);

    Task<OfficeRecord?> FindOfficeAsync(string code, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OfficeRecord>> ListOfficesAsync(CancellationToken cancellationToken = default);

    /// <summary>The person a summons was placed for (null: no such summons).</summary>
    Task<string?> FindSummonsPersonAsync(string summonsId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends several reads to the store's access log in one transaction, on the same hash chain as
    /// <see cref="IFactStore.RecordAccessAsync"/> (a group commit: the API records concurrent reads together).
    /// </summary>
    /// <remarks>With <paramref name="moved"/>, the records come from a node's access journal: how far
    /// it is moved is written in the same transaction, so none is ever moved twice.</remarks>
    Task RecordAccessAsync(IReadOnlyList<AccessEntry> entries, JournalProgress? moved = null, CancellationToken cancellationToken = default);

    /// <summary>How far an access journal is moved into the access log (0: not at all).</summary>
    Task<long> JournalMovedThroughAsync(string journal, CancellationToken cancellationToken = default);

    /// <summary>Forgets an access journal that is moved and deleted.</summary>
    Task ForgetJournalAsync(string journal, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="IFactStore.FindByDocumentAsync"/> for the border's hot path: on connections of the
    /// directory's own (SQLite: a small pool, so concurrent checks do not queue on the store's one
    /// reader), from the same persons/documents projections.
    /// </summary>
    Task<IReadOnlyList<PersonSummary>> FindByDocumentAsync(string number, string issuingState, CancellationToken cancellationToken = default);

    /// <summary>
    /// Everyone born on <paramref name="birthDate"/> (persons projection, indexed by migration 400): the
    /// border's second look-up when an MRZ's document is not on the register, to match by name.
    /// </summary>
    Task<IReadOnlyList<PersonSummary>> FindByBirthDateAsync(LocalDate birthDate, CancellationToken cancellationToken = default);

    /// <summary>The person a fact belongs to (null: no such fact).</summary>
    Task<string?> FindFactPersonAsync(string factId, CancellationToken cancellationToken = default);

    /// <summary>The fact log's last sequence number (0: empty).</summary>
    Task<long> LogTipAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The facts appended after <paramref name="afterSequence"/>, in log order, at most
    /// <paramref name="limit"/>: how a node follows what other nodes and processes write. Appends are
    /// serial (the chain lock), so a sequence once seen has no earlier one still to commit.
    /// </summary>
    Task<IReadOnlyList<LoggedFact>> FactsAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default);
}

/// <summary>An access journal (by name) is moved into the access log up to this byte offset.</summary>
public readonly record struct JournalProgress(string Journal, long MovedThrough);

/// <summary>A fact's place in the log, its person and its type: what a follower of the log needs to know.</summary>
public readonly record struct LoggedFact(long Sequence, string PersonId, string Type);
