using System.Threading.Channels;
using Muster.Core.Facts;
using Muster.Core.Serialization;
using Muster.Storage.Writing;

namespace Muster.Storage;

internal abstract partial class FactStoreBase
{
    /// <summary>One line on its way into the store: parsed and serialized on the reading thread.</summary>
    private readonly record struct ImportItem(long Line, Fact? Fact, string? Content, string? Error);

    /// <summary>
    /// Two stages on two cores: a reader thread parses lines and writes each fact's canonical JSON;
    /// this thread plans each batch (ids, rules, chain hashes) and writes it in one transaction with
    /// the projections of the persons it touched. Persons' facts stay in memory between batches
    /// (up to <see cref="StoreOptions.ImportPersonCacheLimit"/>). On an empty store nothing needs to
    /// be looked up; otherwise (a re-run, a resumed import) each batch first reads which of its
    /// persons and fact ids are stored. If the store changed under us (another writer), we start over
    /// from the database; if an id turns out stored anyway, the batch is rolled back and planned again.
    /// </summary>
    private async Task<ImportSummary> ImportCoreAsync(IEnumerable<FactLine> lines, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<ImportItem[]>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(() => ReadBatchesAsync(lines, channel.Writer, Math.Max(1, Options.ImportBatchSize), stop.Token), stop.Token);
        try
        {
            return await WriteBatchesAsync(channel.Reader, progress, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
                // the reader stops when the writer does
            }
        }
    }

    private static async Task ReadBatchesAsync(IEnumerable<FactLine> lines, ChannelWriter<ImportItem[]> output, int batchSize, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<ImportItem>(batchSize);
            foreach (var line in lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                batch.Add(line.Fact is { } fact
                    ? new ImportItem(line.LineNumber, fact, FactJson.Serialize(fact), null)
                    : new ImportItem(line.LineNumber, null, null, line.Error?.ToString() ?? "unreadable line"));
                if (batch.Count == batchSize)
                {
                    await output.WriteAsync([.. batch], cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await output.WriteAsync([.. batch], cancellationToken);
            }

            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    private async Task<ImportSummary> WriteBatchesAsync(ChannelReader<ImportItem[]> input, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        long read = 0, stored = 0, present = 0;
        var rejected = new List<ImportRejection>();
        var cache = new Dictionary<string, PersonState>(StringComparer.Ordinal);
        bool? knownComplete = null;
        long? lastTip = null;
        await using var writer = await OpenWriterAsync(cancellationToken);
        await using var bulk = StartBulkWriting();
        await foreach (var batch in input.ReadAllAsync(cancellationToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                var tip = await writer.BeginAsync(cancellationToken);
                var done = false;
                try
                {
                    if (knownComplete is null)
                    {
                        knownComplete = tip.Sequence == 0;
                    }
                    else if (lastTip != tip.Sequence)
                    {
                        cache.Clear();
                        knownComplete = false;
                    }

                    var now = Options.Clock.GetCurrentInstant();
                    var owners = await PrepareStatesAsync(writer, batch, cache, knownComplete.Value, cancellationToken);
                    var plan = new BatchPlan(tip);
                    var (inserted, batchPresent, batchRejected, projecting) = await PlanAndInsertAsync(writer, batch, plan, cache, owners, now, cancellationToken);
                    var projections = await projecting;
                    if (!inserted)
                    {
                        // An id we thought new is stored: plan this batch again from the database.
                        await writer.RollbackAsync(cancellationToken);
                        foreach (var id in plan.Touched.Keys)
                        {
                            cache.Remove(id);
                        }

                        knownComplete = false;
                        if (attempt >= 3)
                        {
                            throw new StoreException($"{Engine}: import could not settle which facts are stored; try again");
                        }

                        continue;
                    }

                    await writer.WriteProjectionsAsync(projections, cancellationToken);
                    await writer.CommitAsync(plan.Rows.Count > 0 ? plan.Tip : null, cancellationToken);
                    done = true;
                    bulk.Committed();
                    MusterMetrics.Appended(plan.Rows.Select(r => r.Type));
                    foreach (var p in projections)
                    {
                        StatusProjector.Written(plan.Touched[p.PersonId], p);
                    }

                    lastTip = plan.Tip.Sequence;
                    read += batch.Length;
                    stored += plan.Rows.Count;
                    present += batchPresent;
                    rejected.AddRange(batchRejected);
                    break;
                }
                finally
                {
                    if (!done)
                    {
                        await writer.RollbackAsync(CancellationToken.None);
                    }
                }
            }

            if (cache.Count > Options.ImportPersonCacheLimit)
            {
                cache.Clear();
                knownComplete = false;
            }

            progress?.Report(new ImportProgress(read, stored, present, rejected.Count));
        }

        return new ImportSummary(read, stored, present, rejected);
    }

    /// <summary>
    /// Plans the batch fact by fact, each new log row handed to the store as soon as it is planned (on
    /// PostgreSQL the server stores the first rows while the rest are planned); the evaluator starts once
    /// the plan is whole and runs beside the end of the insert.
    /// </summary>
    private async Task<(bool Inserted, long Present, List<ImportRejection> Rejected, Task<List<PersonProjection>> Projecting)> PlanAndInsertAsync(
        IWriteSession writer, ImportItem[] batch, BatchPlan plan, Dictionary<string, PersonState> cache, Dictionary<string, string> owners, NodaTime.Instant now, CancellationToken cancellationToken)
    {
        var rejected = new List<ImportRejection>();
        long present = 0;
        await using var rows = await writer.OpenFactRowsAsync(cancellationToken);
        foreach (var item in batch)
        {
            if (item.Fact is not { } fact)
            {
                rejected.Add(new ImportRejection(item.Line, item.Error!));
                continue;
            }

            var owner = owners.TryGetValue(fact.Id, out var o) && o != fact.PersonId ? o : null;
            var (outcome, reason) = plan.Add(cache[fact.PersonId], fact, item.Content, owner);
            if (outcome == PlanOutcome.Stored)
            {
                rows.Write(plan.Rows[^1]);
            }
            else if (outcome == PlanOutcome.AlreadyPresent)
            {
                present++;
            }
            else
            {
                rejected.Add(new ImportRejection(item.Line, reason!));
            }
        }

        var projecting = Task.Run(() => Project(plan.Touched.Values, now), cancellationToken);
        var inserted = await rows.CompleteAsync(cancellationToken);
        return (inserted, present, rejected, projecting);
    }

    /// <summary>The touched persons' projections; the evaluator is pure, so a large batch is evaluated on all cores.</summary>
    private List<PersonProjection> Project(IReadOnlyCollection<PersonState> touched, NodaTime.Instant now) =>
        touched.Count < 2_000
            ? [.. touched.Select(s => StatusProjector.Project(s, Options.Policies, now))]
            : [.. touched.AsParallel().AsOrdered().Select(s => StatusProjector.Project(s, Options.Policies, now))];

    /// <summary>Puts every person of the batch in the cache (loaded from the store unless it is known to hold no one else) and returns the owners of stored fact ids.</summary>
    private static async Task<Dictionary<string, string>> PrepareStatesAsync(
        IWriteSession writer, ImportItem[] batch, Dictionary<string, PersonState> cache, bool knownComplete, CancellationToken cancellationToken)
    {
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            if (item.Fact is { } fact && !cache.ContainsKey(fact.PersonId))
            {
                missing.Add(fact.PersonId);
            }
        }

        if (!knownComplete && missing.Count > 0)
        {
            foreach (var (personId, rows) in await writer.LoadPersonsAsync(missing, cancellationToken))
            {
                cache[personId] = PersonState.FromRows(personId, rows);
            }
        }

        foreach (var personId in missing)
        {
            if (!cache.ContainsKey(personId))
            {
                cache[personId] = new PersonState(personId);
            }
        }

        if (knownComplete)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var unknown = new List<string>();
        foreach (var item in batch)
        {
            if (item.Fact is { } fact && !cache[fact.PersonId].TryGet(fact.Id, out _))
            {
                unknown.Add(fact.Id);
            }
        }

        return unknown.Count == 0 ? new Dictionary<string, string>(StringComparer.Ordinal) : await writer.FindFactOwnersAsync(unknown, cancellationToken);
    }
}
