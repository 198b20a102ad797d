using Muster.Core.Evaluation;
using NodaTime;

namespace Muster.Core.Propagation;

/// <summary>
/// What agencies must still be told about a person: compares what they were told (the outbox's
/// history for the person: per interval, its last change) with the person's timeline as the register
/// knows it now, and returns the missing transitions effective up to <c>now</c>, oldest first.
/// <list type="bullet">
/// <item>every interval that has started gets an <see cref="ChangeKind.Imposed"/> change at its start;</item>
/// <item>every interval that has ended gets a <see cref="ChangeKind.Lifted"/> change at its end, caused by the lifting fact;</item>
/// <item>an interval that was announced but is no longer in the timeline (its facts were retracted)
/// gets a <see cref="ChangeKind.Lifted"/> change marked withdrawn, effective now;</item>
/// <item>an interval told as lifted (or withdrawn) that is in force again (the lift, or the retraction,
/// was itself retracted) is imposed again, effective now, as the next <see cref="RestrictionChange.Generation"/>.</item>
/// </list>
/// Pure and idempotent: feeding its output back as <c>written</c> yields nothing more.
/// </summary>
public static class ChangeReconciler
{
    public static IReadOnlyList<RestrictionChange> Pending(Timeline timeline, IReadOnlyCollection<RestrictionChange> written, Instant now)
    {
        // Per interval, the last thing told: the highest generation, and within it a lift after an imposition.
        var told = new Dictionary<string, RestrictionChange>(StringComparer.Ordinal);
        foreach (var c in written)
        {
            var key = c.IntervalKey;
            if (!told.TryGetValue(key, out var last) || Later(c, last))
            {
                told[key] = c;
            }
        }

        var result = new List<RestrictionChange>();
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var interval in timeline.Intervals)
        {
            var key = ChangeIds.IntervalKey(timeline.PersonId, interval.Code, interval.SummonsId, interval.Rule.Id, interval.Start);
            current.Add(key);
            if (interval.Start > now)
            {
                continue;
            }

            var ended = interval.End is { } end && end <= now;
            var cause = interval.CausedBy.Length > 0 ? interval.CausedBy[^1] : null;
            if (!told.TryGetValue(key, out var last))
            {
                result.Add(Change(timeline.PersonId, key, interval, ChangeKind.Imposed, 0, interval.Start, cause));
                if (ended)
                {
                    result.Add(Change(timeline.PersonId, key, interval, ChangeKind.Lifted, 0, interval.End!.Value, interval.LiftedByFactId));
                }
            }
            else if (last.Kind == ChangeKind.Imposed && ended)
            {
                result.Add(Change(timeline.PersonId, key, interval, ChangeKind.Lifted, last.Generation, interval.End!.Value, interval.LiftedByFactId));
            }
            else if (last.Kind == ChangeKind.Lifted && !ended)
            {
                // Told lifted, yet in force: the lift (or the retraction that withdrew it) was retracted.
                result.Add(Change(timeline.PersonId, key, interval, ChangeKind.Imposed, last.Generation + 1, now, cause));
            }
        }

        // Announced, not lifted, and gone from the timeline: the facts behind it were retracted.
        foreach (var (key, last) in told)
        {
            if (last.Kind == ChangeKind.Imposed && !current.Contains(key))
            {
                result.Add(last with
                {
                    Id = ChangeIds.For(key, ChangeKind.Lifted, last.Generation),
                    Kind = ChangeKind.Lifted,
                    EffectiveAt = now,
                    CauseFactId = null,
                    Withdrawn = true,
                    CodeInForceAfter = false,
                });
            }
        }

        // Per person, in the order things happened; at one instant, lifts before impositions (an
        // interval's own lift never shares its start: the evaluator drops intervals lifted before they start).
        result.Sort((a, b) => a.EffectiveAt != b.EffectiveAt ? a.EffectiveAt.CompareTo(b.EffectiveAt)
            : a.Kind != b.Kind ? b.Kind.CompareTo(a.Kind)
            : string.CompareOrdinal(a.Id, b.Id));
        for (var i = 0; i < result.Count; i++)
        {
            var c = result[i];
            result[i] = c with { CodeInForceAfter = timeline.Intervals.Any(t => t.Code == c.Code && t.Contains(c.EffectiveAt)) };
        }

        return result;
    }

    private static bool Later(RestrictionChange a, RestrictionChange b) =>
        a.Generation != b.Generation ? a.Generation > b.Generation : a.Kind == ChangeKind.Lifted && b.Kind == ChangeKind.Imposed;

    private static RestrictionChange Change(string personId, string key, RestrictionInterval interval, ChangeKind kind, int generation, Instant at, string? cause) =>
        new(ChangeIds.For(key, kind, generation), personId, interval.Code, kind, at, interval.SummonsId, interval.Rule.Id, interval.PolicyId,
            interval.Start, cause, Withdrawn: false, CodeInForceAfter: false, generation);
}
