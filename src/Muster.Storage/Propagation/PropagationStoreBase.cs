using Muster.Core.Evaluation;
using Muster.Core.Propagation;
using Muster.Core.Restrictions;
using Muster.Storage.Writing;
using NodaTime;

namespace Muster.Storage.Propagation;

/// <summary>
/// The sweep, planned here over an engine's <see cref="ISweepSession"/>, and the translation of driver
/// errors around every public operation. A person's sweep: read their facts and the changes already
/// written for them, <see cref="ChangeReconciler.Pending"/>, write the missing changes (with seq, payload
/// and the person's message) and the new status, all in the sweep's one transaction. Change ids are
/// derived from content and the outbox's change_id is unique, so a re-run writes nothing twice.
/// </summary>
internal abstract class PropagationStoreBase(StoreOptions options) : IPropagationStore
{
    protected StoreOptions Options { get; } = options;

    public abstract string Engine { get; }

    protected abstract ValueTask<ISweepSession> OpenSweepAsync(CancellationToken cancellationToken);

    public Task<SweepResult> SweepOnceAsync(Instant now, int maxPersons, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPersons);
        return Guard(() => SweepCoreAsync(now, maxPersons, cancellationToken));
    }

    public async Task<SweepResult> SweepAsync(Instant now, int maxPersons, CancellationToken cancellationToken = default)
    {
        var total = await SweepOnceAsync(now, maxPersons, cancellationToken);
        while (total.More)
        {
            total = total.Plus(await SweepOnceAsync(now, maxPersons, cancellationToken));
        }

        return total;
    }

    private async Task<SweepResult> SweepCoreAsync(Instant now, int maxPersons, CancellationToken cancellationToken)
    {
        await using var session = await OpenSweepAsync(cancellationToken);
        var state = await session.BeginAsync(cancellationToken);
        var committed = false;
        try
        {
            // First the persons new facts touched (in log order), then those whose next change has come.
            var (touched, lastSeq, factsRead) = await session.NewFactsAsync(state.FactCursor, maxPersons, cancellationToken);
            var persons = new List<string>(touched.Count);
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in touched)
            {
                if (set.Add(p))
                {
                    persons.Add(p);
                }
            }

            var moreFacts = factsRead == maxPersons;
            var moreDue = true;
            if (persons.Count < maxPersons)
            {
                // Ask for enough that overlap with the touched persons cannot hide a due one.
                var limit = maxPersons;
                var due = await session.DueAsync(now, limit, cancellationToken);
                moreDue = due.Count == limit;
                foreach (var p in due)
                {
                    if (persons.Count == maxPersons)
                    {
                        moreDue = true;
                        break;
                    }

                    if (set.Add(p))
                    {
                        persons.Add(p);
                    }
                }
            }

            if (persons.Count == 0)
            {
                await session.RollbackAsync(cancellationToken);
                committed = true;
                return SweepResult.Empty(state.OutboxSeq, state.FactCursor, state.FactTip);
            }

            var facts = await session.LoadFactsAsync(persons, cancellationToken);
            var written = await session.LoadChangesAsync(persons, cancellationToken);
            var rows = new List<OutboxRow>();
            var statuses = new List<StatusRow>(persons.Count);
            var seq = state.OutboxSeq;
            int imposed = 0, lifted = 0, withdrawn = 0;
            foreach (var personId in persons)
            {
                if (!facts.TryGetValue(personId, out var factRows))
                {
                    continue;
                }

                var person = PersonState.FromRows(personId, factRows);
                var timeline = Evaluator.Timeline(person.Facts, Options.Policies, now);
                var told = written.TryGetValue(personId, out var list) ? list : (IReadOnlyCollection<RestrictionChange>)[];
                var pending = ChangeReconciler.Pending(timeline, told, now);
                if (pending.Count > 0)
                {
                    var zone = timeline.Region is { } region ? Options.Policies.ZoneOf(region) : null;
                    foreach (var change in pending)
                    {
                        seq++;
                        var agency = RestrictionCatalog.TryGet(change.Code, out var kind) ? kind.Agency.Code : "unknown";
                        rows.Add(new OutboxRow(seq, change, agency, ChangePayload.Write(seq, change, agency, now), now, ChangeMessage.Compose(change, Options.Policies, zone)));
                        if (change.Kind == ChangeKind.Imposed)
                        {
                            imposed++;
                        }
                        else
                        {
                            lifted++;
                            withdrawn += change.Withdrawn ? 1 : 0;
                        }
                    }
                }

                var evaluation = Evaluator.Evaluate(person.Facts, Options.Policies, now, now);
                statuses.Add(new StatusRow(personId, StatusProjector.Codes(evaluation), evaluation.NextChangeAt, now, person.Version));
            }

            var next = new SweepState(seq, Math.Max(state.FactCursor, lastSeq), state.FactTip);
            await session.WriteAsync(rows, statuses, next, now, cancellationToken);
            await session.CommitAsync(cancellationToken);
            committed = true;
            return new SweepResult(statuses.Count, imposed, lifted, withdrawn, next.OutboxSeq, next.FactCursor, next.FactTip, moreFacts || moreDue);
        }
        finally
        {
            if (!committed)
            {
                await session.RollbackAsync(CancellationToken.None);
            }
        }
    }

    public abstract Task<FeedPage> ReadFeedAsync(string? agency, long after, int limit, CancellationToken cancellationToken = default);

    public abstract Task<IReadOnlyList<NotificationRecord>> NotificationsOfAsync(string personId, CancellationToken cancellationToken = default);

    public abstract Task<IReadOnlyList<NotificationRecord>> UnsentNotificationsAsync(int limit, CancellationToken cancellationToken = default);

    public abstract Task MarkNotifiedAsync(long upToSeq, CancellationToken cancellationToken = default);

    public abstract Task<PropagationStatus> StatusAsync(CancellationToken cancellationToken = default);

    public abstract Task<IReadOnlyDictionary<string, long>> OutboxDepthAsync(CancellationToken cancellationToken = default);

    /// <summary>The same on both engines; the outbox's (agency, seq) index counts each subscription's rest.</summary>
    protected const string OutboxDepthSql =
        "SELECT w.agency, sum((SELECT count(*) FROM outbox o WHERE o.agency = w.agency AND o.seq > w.cursor)) FROM webhooks w GROUP BY w.agency ORDER BY w.agency";

    public abstract Task CreateWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken = default);

    public abstract Task<WebhookRecord?> FindWebhookAsync(string id, CancellationToken cancellationToken = default);

    public abstract Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string? agency, CancellationToken cancellationToken = default);

    public abstract Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken = default);

    public abstract Task<bool> ReplayWebhookAsync(string id, long from, Instant now, CancellationToken cancellationToken = default);

    public abstract Task<IReadOnlyList<WebhookRecord>> DueWebhooksAsync(Instant now, CancellationToken cancellationToken = default);

    public abstract Task<WebhookDelivery?> BeginDeliveryAsync(string id, int limit, CancellationToken cancellationToken = default);

    public abstract Task<ILeadership?> TryLeadAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();

    protected async Task<T> Guard<T>(Func<Task<T>> operation)
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

    protected Task Guard(Func<Task> operation) => Guard(async () =>
    {
        await operation();
        return true;
    });

    protected static RestrictionChange ReadChange(string id, string personId, string code, string kind, Instant effectiveAt, string summonsId,
        string ruleId, string policyId, Instant intervalStart, int generation, string? cause, bool withdrawn, bool inForceAfter) =>
        new(id, personId, code, ChangePayload.ParseKind(kind), effectiveAt, summonsId, ruleId, policyId, intervalStart, cause, withdrawn, inForceAfter, generation);
}
