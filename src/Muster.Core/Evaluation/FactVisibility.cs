using Muster.Core.Facts;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// Which facts count for an evaluation as of an instant: those recorded by then and not retracted
/// by a retraction that itself counts (a retraction can be retracted, restoring its target).
/// </summary>
internal static class FactVisibility
{
    /// <summary>Marks in <paramref name="effective"/> which facts count; <paramref name="pairScratch"/> holds at least 2 ints per fact.</summary>
    public static void Compute(ReadOnlySpan<Fact> facts, Instant asOf, Span<bool> effective, Span<int> pairScratch)
    {
        var retractionCount = 0;
        for (var i = 0; i < facts.Length; i++)
        {
            effective[i] = facts[i].RecordedAt <= asOf;
            if (effective[i] && facts[i] is FactRetracted)
            {
                retractionCount++;
            }
        }

        if (retractionCount == 0)
        {
            return;
        }

        // Pair each visible retraction with its target's index once; then settle the chain.
        var pairs = pairScratch[..(retractionCount * 2)];
        var p = 0;
        for (var i = 0; i < facts.Length; i++)
        {
            if (effective[i] && facts[i] is FactRetracted r)
            {
                pairs[p++] = i;
                pairs[p++] = IndexOf(facts, r.FactId, i);
            }
        }

        // Retractions only name earlier facts, so chains are finite and this settles in at most
        // (chain length + 1) rounds; count + 1 rounds bound it even for a malformed cycle.
        for (var round = 0; round <= retractionCount; round++)
        {
            var changed = false;
            for (var k = 0; k < pairs.Length; k += 2)
            {
                var target = pairs[k + 1];
                if (target < 0)
                {
                    continue;
                }

                var retracted = effective[pairs[k]] || AnotherLiveRetraction(pairs, effective, k, target);
                var now = facts[target].RecordedAt <= asOf && !retracted;
                if (now != effective[target])
                {
                    effective[target] = now;
                    changed = true;
                }
            }

            if (!changed)
            {
                return;
            }
        }
    }

    private static bool AnotherLiveRetraction(ReadOnlySpan<int> pairs, ReadOnlySpan<bool> effective, int except, int target)
    {
        for (var k = 0; k < pairs.Length; k += 2)
        {
            if (k != except && pairs[k + 1] == target && effective[pairs[k]])
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(ReadOnlySpan<Fact> facts, string id, int except)
    {
        for (var j = 0; j < facts.Length; j++)
        {
            if (j != except && string.Equals(facts[j].Id, id, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }
}
