using Muster.Core.Propagation;
using NodaTime;

namespace Muster.Storage.Propagation;

/// <summary>Where the sweeper stands: the outbox tip, the last fact it swept, the last fact in the log.</summary>
internal readonly record struct SweepState(long OutboxSeq, long FactCursor, long FactTip);

/// <summary>A change ready for the outbox: its seq, agency, payload and the person's message.</summary>
internal sealed record OutboxRow(long Seq, RestrictionChange Change, string Agency, string Payload, Instant RecordedAt, ChangeMessage Message);

/// <summary>A person's status projection as the sweeper computed it.</summary>
internal sealed record StatusRow(string PersonId, string InForce, Instant? NextChangeAt, Instant EvaluatedAt, long Version);

/// <summary>
/// One engine's side of a sweep: one transaction that holds the sweep lock (the single sweep_state row:
/// outbox writers are serialized and seq is commit order) and the fact log's chain lock (appends wait, so
/// the facts read stay true until commit and status rows are never written by two at once).
/// </summary>
internal interface ISweepSession : IAsyncDisposable
{
    ValueTask<SweepState> BeginAsync(CancellationToken cancellationToken);

    /// <summary>The persons of the facts after <paramref name="after"/>, in log order, at most <paramref name="limit"/> facts; and the last seq read.</summary>
    ValueTask<(List<string> Persons, long LastSeq, int Facts)> NewFactsAsync(long after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Persons whose status may have changed by <paramref name="now"/>. (Not filtered by when they were last
    /// evaluated: a projection written under another clock — an import on another machine — must not hide a
    /// person. A person swept at <c>now</c> gets a next change after <c>now</c>, so is not due again.)
    /// </summary>
    ValueTask<List<string>> DueAsync(Instant now, int limit, CancellationToken cancellationToken);

    ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> LoadFactsAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken);

    ValueTask<Dictionary<string, List<RestrictionChange>>> LoadChangesAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken);

    ValueTask WriteAsync(IReadOnlyList<OutboxRow> changes, IReadOnlyList<StatusRow> statuses, SweepState state, Instant now, CancellationToken cancellationToken);

    ValueTask CommitAsync(CancellationToken cancellationToken);

    ValueTask RollbackAsync(CancellationToken cancellationToken);
}
