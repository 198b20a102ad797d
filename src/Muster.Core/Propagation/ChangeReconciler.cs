using Muster.Core.Evaluation;
using NodaTime;

namespace Muster.Core.Propagation;

/// <summary>
/// What agencies must still be told about a person: compares the changes already written (the
/// outbox's history for the person) with the person's timeline as the register knows it now, and
/// returns the missing transitions effective up to <c>now</c>, oldest first.
/// <list type="bullet">
/// <item>every interval that has started gets an <see cref="ChangeKind.Imposed"/> change at its start;</item>
/// <item>every interval that has ended gets a <see cref="ChangeKind.Lifted"/> change at its end, caused by the lifting fact;</item>
/// <item>an interval that was announced but is no longer in the timeline (its facts were retracted)
/// gets a <see cref="ChangeKind.Lifted"/> change marked withdrawn, effective now.</item>
/// </list>
/// Pure and idempotent: feeding its output back as <c>written</c> yields nothing more.
/// </summary>
public static class ChangeReconciler
{
    public static IReadOnlyList<RestrictionChange> Pending(Timeline timeline, IReadOnlyCollection<RestrictionChange> written, Instant now)
    {
        var seen = new HashSet<string>(written.Select(c => c.Id), StringComparer.Ordinal);
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

            Add(result, seen, key, interval, ChangeKind.Imposed, interval.Start, interval.CausedBy.Length > 0 ? interval.CausedBy[^1] : null, withdrawn: false);
            if (interval.End is { } end && end <= now)
            {
                Add(result, seen, key, interval, ChangeKind.Lifted, end, interval.LiftedByFactId, withdrawn: false);
            }
        }

        // Announced, never lifted, and gone from the timeline: the facts behind it were retracted.
        var lifted = written.Where(c => c.Kind == ChangeKind.Lifted).Select(c => c.IntervalKey).ToHashSet(StringComparer.Ordinal);
        foreach (var imposed in written.Where(c => c.Kind == ChangeKind.Imposed))
        {
            if (!current.Contains(imposed.IntervalKey) && !lifted.Contains(imposed.IntervalKey) && seen.Add(ChangeIds.For(imposed.IntervalKey, ChangeKind.Lifted)))
            {
                result.Add(imposed with
                {
                    Id = ChangeIds.For(imposed.IntervalKey, ChangeKind.Lifted),
                    Kind = ChangeKind.Lifted,
                    EffectiveAt = now,
                    CauseFactId = null,
                    Withdrawn = true,
                    CodeInForceAfter = false,
                });
            }
        }

        // Per person, in the order things happened; at one instant, lifts before impositions.
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

    private static void Add(List<RestrictionChange> result, HashSet<string> seen, string key, RestrictionInterval interval, ChangeKind kind, Instant at, string? cause, bool withdrawn)
    {
        var id = ChangeIds.For(key, kind);
        if (seen.Add(id))
        {
            result.Add(new RestrictionChange(id, PersonOf(key), interval.Code, kind, at, interval.SummonsId, interval.Rule.Id, interval.PolicyId, interval.Start, cause, withdrawn, CodeInForceAfter: false));
        }
    }

    private static string PersonOf(string key) => key[..key.IndexOf('|', StringComparison.Ordinal)];
}
