using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// Restrictions are computed, never stored: a person's restrictions at any instant are a pure
/// function of their facts, the policies and two instants (<c>at</c>: the moment asked about;
/// <c>asOf</c>: what the register knew). No clock is read here. The hot path (<see cref="Evaluate"/>)
/// allocates only its result (the status and one array of entries): scratch space is per thread.
/// </summary>
public static class Evaluator
{
    /// <summary>The restrictions in force at <paramref name="at"/>, the upcoming ones, and the next change.</summary>
    public static PersonStatus Evaluate(ReadOnlySpan<Fact> facts, PolicySet policies, Instant at, Instant asOf)
    {
        var scratch = EvaluationScratch.For(facts.Length, facts.Length * policies.MaxRuleCount);
        var count = SegmentBuilder.Build(facts, policies, asOf, scratch, out var warnings);
        var span = scratch.Segments.AsSpan(0, count);
        SortByStart(span);
        int inForce = 0, upcoming = 0;
        Instant? next = null;
        foreach (ref readonly var s in span)
        {
            if (s.Start <= at && (s.End is not { } e || at < e))
            {
                inForce++;
            }
            else if (s.Start > at)
            {
                upcoming++;
            }

            next = Earliest(next, s.Start, at);
            if (s.End is { } end)
            {
                next = Earliest(next, end, at);
            }
        }

        // One array: the entries in force, then the upcoming ones, each part in order of start.
        var entries = inForce + upcoming == 0 ? [] : new StatusEntry[inForce + upcoming];
        int i = 0, u = inForce;
        foreach (ref readonly var s in span)
        {
            if (s.Start <= at && (s.End is not { } e || at < e))
            {
                entries[i++] = s.ToEntry(facts);
            }
            else if (s.Start > at)
            {
                entries[u++] = s.ToEntry(facts);
            }
        }

        return new PersonStatus(PersonOf(facts), at, asOf, entries, inForce, next, warnings);
    }

    /// <summary>Every restriction interval of the person, in order of start, as known at <paramref name="asOf"/>.</summary>
    public static Timeline Timeline(ReadOnlySpan<Fact> facts, PolicySet policies, Instant asOf)
    {
        var scratch = EvaluationScratch.For(facts.Length, facts.Length * policies.MaxRuleCount);
        var count = SegmentBuilder.Build(facts, policies, asOf, scratch, out var warnings);
        var entries = new StatusEntry[count];
        for (var k = 0; k < count; k++)
        {
            entries[k] = scratch.Segments[k].ToEntry(facts);
        }

        var items = StatusEntry.Records(entries);
        var summonses = SegmentBuilder.Summonses(facts, policies, asOf, out var region);
        return new Timeline(PersonOf(facts), asOf, region, ImmutableCollectionsMarshal.AsImmutableArray(items), summonses, warnings);
    }

    public static PersonStatus Evaluate(IReadOnlyList<Fact> facts, PolicySet policies, Instant at, Instant asOf) =>
        Evaluate(AsSpan(facts), policies, at, asOf);

    public static Timeline Timeline(IReadOnlyList<Fact> facts, PolicySet policies, Instant asOf) =>
        Timeline(AsSpan(facts), policies, asOf);

    private static ReadOnlySpan<Fact> AsSpan(IReadOnlyList<Fact> facts) => facts switch
    {
        Fact[] array => array,
        List<Fact> list => CollectionsMarshal.AsSpan(list),
        _ => facts.ToArray(),
    };

    /// <summary>
    /// Segments in order of start, so the intervals they emit (codes sorted within a rule) are
    /// nearly sorted already and the final sort does about one comparison per item.
    /// </summary>
    private static void SortByStart(Span<Segment> segments)
    {
        for (var i = 1; i < segments.Length; i++)
        {
            var item = segments[i];
            var j = i - 1;
            while (j >= 0 && segments[j].Start > item.Start)
            {
                segments[j + 1] = segments[j];
                j--;
            }

            segments[j + 1] = item;
        }
    }

    private static string PersonOf(ReadOnlySpan<Fact> facts) => facts.IsEmpty ? "" : facts[0].PersonId;

    private static Instant? Earliest(Instant? current, Instant candidate, Instant after) =>
        candidate > after && (current is not { } c || candidate < c) ? candidate : current;
}
