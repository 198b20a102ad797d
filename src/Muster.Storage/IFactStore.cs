using Muster.Core.Facts;
using NodaTime;

namespace Muster.Storage;

/// <summary>
/// Muster's system of record: an append-only log of facts, the projections derived from it in the
/// same transaction (persons by id, national id and document; each person's status with its next
/// change), an audit hash chain over the log and a log of every official's read. One contract,
/// two engines (SQLite, PostgreSQL); open one with <see cref="StoreFactory"/>.
/// Driver errors never leave the store: they become <see cref="StoreException"/> or a result.
/// </summary>
public interface IFactStore : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres".</summary>
    string Engine { get; }

    /// <summary>
    /// Appends facts of one person atomically: all are stored or none. The store sets their
    /// RecordedAt from its clock. A fact whose id is already stored with the same content (RecordedAt
    /// aside) counts as already present; with other content it is a conflict. With
    /// <paramref name="expectedVersion"/> the append succeeds only if the person's version (number of
    /// stored facts; 0 for an unknown person) is exactly that.
    /// </summary>
    Task<AppendResult> AppendAsync(string personId, long? expectedVersion, IReadOnlyList<Fact> facts, CancellationToken cancellationToken = default);

    /// <summary>The person's facts in log order and the version (their count); an unknown person has no facts and version 0.</summary>
    Task<PersonStream> ReadPersonAsync(string personId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PersonSummary>> FindByNationalIdAsync(string nationalId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PersonSummary>> FindByDocumentAsync(string number, string issuingState, CancellationToken cancellationToken = default);

    /// <summary>The status projection of a person (null: unknown person).</summary>
    Task<StatusProjection?> GetStatusAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>The status of whoever holds this identity document (a border check): one indexed query, usually one person.</summary>
    Task<IReadOnlyList<StatusProjection>> GetStatusByDocumentAsync(string number, string issuingState, CancellationToken cancellationToken = default);

    /// <summary>Persons whose status changes before <paramref name="before"/>, earliest first: the sweeper's work list.</summary>
    Task<IReadOnlyList<StatusProjection>> DueForReevaluationAsync(Instant before, int limit, CancellationToken cancellationToken = default);

    /// <summary>Re-evaluates the persons' status at the store's clock (what the sweeper calls for the persons that are due).</summary>
    Task<int> RefreshStatusAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken = default);

    /// <summary>Records that an official read a person's data, and why. Append-only and hash-chained like the fact log.</summary>
    Task RecordAccessAsync(string official, string personId, string purpose, Instant at, CancellationToken cancellationToken = default);

    /// <summary>Who read a person's data, when and why, oldest first.</summary>
    Task<IReadOnlyList<AccessRecord>> ReadAccessLogAsync(string personId, CancellationToken cancellationToken = default);

    /// <summary>Walks the fact log's and the access log's hash chains and names the first row that is wrong.</summary>
    Task<AuditReport> VerifyAuditChainAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Compares the projections (persons, documents, status) with a recomputation from the log, in one
    /// read snapshot, and writes nothing. A status is recomputed at its own <c>evaluated_at</c>: one the
    /// sweeper has yet to refresh is late, not different.
    /// </summary>
    Task<ProjectionReport> VerifyProjectionsAsync(IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recomputes every projection from the log (status at the store's clock) and replaces the stored
    /// ones in one transaction, holding the chain lock; reports the differences it found first.
    /// The log and the access log are not touched.
    /// </summary>
    Task<ProjectionReport> RebuildProjectionsAsync(IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Bulk import: stores every good fact (idempotent by id, so a re-run stores nothing twice), skips
    /// and reports every bad line. Facts keep the RecordedAt of their line (the reader's default when
    /// the line has none). Committed in batches; a batch is all or nothing, so a killed import
    /// leaves whole batches and a consistent chain and projections.
    /// </summary>
    Task<ImportSummary> ImportAsync(IEnumerable<FactLine> lines, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>An online, consistent copy of the store into a file (SQLite). PostgreSQL refuses: use pg_dump or PITR (docs/storage.md).</summary>
    Task BackupAsync(string destinationPath, CancellationToken cancellationToken = default);
}
