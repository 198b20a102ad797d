using Muster.Core.Facts;
using Muster.Storage.Writing;
using NodaTime;

namespace Muster.Storage;

/// <summary>
/// What both engines share: the write path (append, import, status refresh) planned here over an
/// engine's <see cref="IWriteSession"/>, and the translation of every driver error, in one place,
/// around every public operation.
/// </summary>
internal abstract partial class FactStoreBase(StoreOptions options) : IFactStore
{
    protected StoreOptions Options { get; } = options;

    public abstract string Engine { get; }

    protected abstract ValueTask<IWriteSession> OpenWriterAsync(CancellationToken cancellationToken);

    /// <summary>The engine's help for an import's run of large transactions, started once the writer is open.</summary>
    protected virtual IBulkWriting StartBulkWriting() => IBulkWriting.None;

    protected abstract Task<PersonStream> ReadPersonCoreAsync(string personId, CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<PersonSummary>> FindByNationalIdCoreAsync(string nationalId, CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<PersonSummary>> FindByDocumentCoreAsync(string number, string issuingState, CancellationToken cancellationToken);

    protected abstract Task<StatusProjection?> GetStatusCoreAsync(string personId, CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<StatusProjection>> StatusByDocumentCoreAsync(string number, string issuingState, CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<StatusProjection>> DueCoreAsync(Instant before, int limit, CancellationToken cancellationToken);

    protected abstract Task RecordAccessCoreAsync(string official, string personId, string purpose, Instant at, CancellationToken cancellationToken);

    protected abstract Task<IReadOnlyList<AccessRecord>> ReadAccessLogCoreAsync(string personId, CancellationToken cancellationToken);

    protected abstract Task<AuditReport> VerifyCoreAsync(CancellationToken cancellationToken);

    protected abstract Task BackupCoreAsync(string destinationPath, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public Task<PersonStream> ReadPersonAsync(string personId, CancellationToken cancellationToken = default) =>
        Guard(() => ReadPersonCoreAsync(personId, cancellationToken));

    public Task<IReadOnlyList<PersonSummary>> FindByNationalIdAsync(string nationalId, CancellationToken cancellationToken = default) =>
        Guard(() => FindByNationalIdCoreAsync(nationalId, cancellationToken));

    public Task<IReadOnlyList<PersonSummary>> FindByDocumentAsync(string number, string issuingState, CancellationToken cancellationToken = default) =>
        Guard(() => FindByDocumentCoreAsync(number, issuingState, cancellationToken));

    public Task<StatusProjection?> GetStatusAsync(string personId, CancellationToken cancellationToken = default) =>
        Guard(() => GetStatusCoreAsync(personId, cancellationToken));

    public Task<IReadOnlyList<StatusProjection>> GetStatusByDocumentAsync(string number, string issuingState, CancellationToken cancellationToken = default) =>
        Guard(() => StatusByDocumentCoreAsync(number, issuingState, cancellationToken));

    public Task<IReadOnlyList<StatusProjection>> DueForReevaluationAsync(Instant before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Guard(() => DueCoreAsync(before, limit, cancellationToken));
    }

    public Task RecordAccessAsync(string official, string personId, string purpose, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(official);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return Guard(async () =>
        {
            await RecordAccessCoreAsync(official, personId, purpose, at, cancellationToken);
            return true;
        });
    }

    public Task<IReadOnlyList<AccessRecord>> ReadAccessLogAsync(string personId, CancellationToken cancellationToken = default) =>
        Guard(() => ReadAccessLogCoreAsync(personId, cancellationToken));

    public Task<AuditReport> VerifyAuditChainAsync(CancellationToken cancellationToken = default) =>
        Guard(() => VerifyCoreAsync(cancellationToken));

    public Task BackupAsync(string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        return Guard(async () =>
        {
            await BackupCoreAsync(destinationPath, cancellationToken);
            return true;
        });
    }

    public Task<AppendResult> AppendAsync(string personId, long? expectedVersion, IReadOnlyList<Fact> facts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Count == 0)
        {
            throw new ArgumentException("nothing to append", nameof(facts));
        }

        return Guard(() => AppendCoreAsync(personId, expectedVersion, facts, cancellationToken));
    }

    public Task<int> RefreshStatusAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        return Guard(() => RefreshCoreAsync(personIds, cancellationToken));
    }

    public Task<ImportSummary> ImportAsync(IEnumerable<FactLine> lines, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return Guard(() => ImportCoreAsync(lines, progress, cancellationToken));
    }

    private async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (StoreErrors.Translate(Engine, e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }

    private async Task<AppendResult> AppendCoreAsync(string personId, long? expectedVersion, IReadOnlyList<Fact> facts, CancellationToken cancellationToken)
    {
        var now = Options.Clock.GetCurrentInstant();
        await using var writer = await OpenWriterAsync(cancellationToken);
        var plan = new BatchPlan(await writer.BeginAsync(cancellationToken));
        var committed = false;
        try
        {
            var state = await LoadStateAsync(writer, personId, cancellationToken);
            var versionBefore = state.Version;
            if (facts.All(f => state.TryGet(f.Id, out var stored) && StoredFact.Same(f, stored)))
            {
                return new AppendResult.AlreadyPresent(versionBefore);
            }

            if (expectedVersion is { } expected && expected != versionBefore)
            {
                return new AppendResult.VersionConflict(expected, versionBefore);
            }

            var owners = await writer.FindFactOwnersAsync(facts.Select(f => f.Id).ToArray(), cancellationToken);
            var present = 0;
            foreach (var fact in facts)
            {
                var stamped = fact with { RecordedAt = now };
                var owner = owners.TryGetValue(fact.Id, out var o) && o != personId ? o : null;
                var (outcome, reason) = plan.Add(state, stamped, null, owner);
                switch (outcome)
                {
                    case PlanOutcome.AlreadyPresent:
                        present++;
                        break;
                    case PlanOutcome.Conflict:
                        return new AppendResult.Conflict(fact.Id, reason!);
                    case PlanOutcome.Rejected:
                        return new AppendResult.Rejected(fact.Id, reason!);
                }
            }

            if (!await writer.TryInsertFactsAsync(plan.Rows, cancellationToken))
            {
                throw new StoreException($"{Engine}: a fact id was stored by another writer while the chain was locked");
            }

            await writer.WriteProjectionsAsync([StatusProjector.Project(state, Options.Policies, now)], cancellationToken);
            await writer.CommitAsync(plan.Tip, cancellationToken);
            committed = true;
            MusterMetrics.Appended(plan.Rows.Select(r => r.Type));
            return new AppendResult.Appended(state.Version, plan.Rows.Count, present);
        }
        finally
        {
            if (!committed)
            {
                await writer.RollbackAsync(CancellationToken.None);
            }
        }
    }

    private async Task<int> RefreshCoreAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        if (personIds.Count == 0)
        {
            return 0;
        }

        var now = Options.Clock.GetCurrentInstant();
        await using var writer = await OpenWriterAsync(cancellationToken);
        await writer.BeginAsync(cancellationToken);
        var committed = false;
        try
        {
            var rows = await writer.LoadPersonsAsync(personIds.Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
            var projections = rows.Select(r => StatusProjector.Project(PersonState.FromRows(r.Key, r.Value), Options.Policies, now)).ToList();
            await writer.WriteProjectionsAsync(projections, cancellationToken);
            await writer.CommitAsync(null, cancellationToken);
            committed = true;
            return projections.Count;
        }
        finally
        {
            if (!committed)
            {
                await writer.RollbackAsync(CancellationToken.None);
            }
        }
    }

    private static async Task<PersonState> LoadStateAsync(IWriteSession writer, string personId, CancellationToken cancellationToken)
    {
        var rows = await writer.LoadPersonsAsync([personId], cancellationToken);
        return rows.TryGetValue(personId, out var list) ? PersonState.FromRows(personId, list) : new PersonState(personId);
    }
}
