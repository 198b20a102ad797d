using Muster.Storage.Rebuild;
using Muster.Storage.Writing;
using NodaTime;

namespace Muster.Storage;

/// <summary>
/// Checking and rebuilding the projections from the log, range of persons by range of persons, in
/// one transaction: a check reads one snapshot and writes nothing; a rebuild holds the chain lock
/// (appends and sweeps wait), replaces each range's rows with the ones the log gives and commits
/// once, so a killed rebuild leaves the projections as they were.
/// </summary>
internal abstract partial class FactStoreBase
{
    protected abstract ValueTask<IProjectionSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken);

    public Task<ProjectionReport> VerifyProjectionsAsync(IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            await using var snapshot = await OpenSnapshotAsync(cancellationToken);
            return await WalkAsync(snapshot, null, Options.Clock.GetCurrentInstant(), progress, cancellationToken);
        });

    public Task<ProjectionReport> RebuildProjectionsAsync(IProgress<ProjectionProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var now = Options.Clock.GetCurrentInstant();
            await using var writer = await OpenWriterAsync(cancellationToken);
            await writer.BeginAsync(cancellationToken);
            var committed = false;
            try
            {
                var report = await WalkAsync(writer.Projections, writer, now, progress, cancellationToken);
                await writer.CommitAsync(null, cancellationToken);
                committed = true;
                return report;
            }
            finally
            {
                if (!committed)
                {
                    await writer.RollbackAsync(CancellationToken.None);
                }
            }
        });

    /// <param name="rewrite">The writer whose transaction the reader is in, to replace each range's rows; null: only compare.</param>
    private async Task<ProjectionReport> WalkAsync(IProjectionReader reader, IWriteSession? rewrite, Instant now, IProgress<ProjectionProgress>? progress, CancellationToken cancellationToken)
    {
        var total = await reader.FactCountAsync(cancellationToken);
        var listed = new List<ProjectionDifference>();
        long differences = 0, persons = 0, facts = 0;
        string? after = null;
        while (true)
        {
            var through = await reader.RangeEndAsync(after, Math.Max(1, Options.RebuildRangePersons), cancellationToken);
            var range = new PersonRange(after, through);
            var rows = await reader.FactsAsync(range, cancellationToken);
            var stored = await reader.ProjectionsAsync(range, cancellationToken);
            var logs = rows.ToDictionary(r => r.Key, r => PersonState.FromRows(r.Key, r.Value), StringComparer.Ordinal);
            foreach (var personId in logs.Keys.Concat(stored.PersonIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                foreach (var difference in ProjectionComparer.Compare(personId, logs.GetValueOrDefault(personId), stored, Options.Policies, now))
                {
                    differences++;
                    if (listed.Count < ProjectionReport.Listed)
                    {
                        listed.Add(difference);
                    }
                }
            }

            if (rewrite is not null)
            {
                await rewrite.DeleteProjectionsAsync(range, cancellationToken);
                await rewrite.WriteProjectionsAsync([.. logs.Values.Select(s => Fresh(s, now))], cancellationToken);
            }

            persons += logs.Count;
            facts += rows.Values.Sum(r => (long)r.Count);
            progress?.Report(new ProjectionProgress(facts, Math.Max(total, facts)));
            if (through is null)
            {
                return new ProjectionReport(persons, facts, listed, differences, rewrite is not null);
            }

            after = through;
        }
    }

    /// <summary>A person's projections written from nothing: every row new, status at <paramref name="now"/>.</summary>
    private PersonProjection Fresh(PersonState state, Instant now)
    {
        state.ProjectedRegistrationId = null;
        return StatusProjector.Project(state, Options.Policies, now);
    }
}
