using Muster.Core.Facts;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// Which facts count for an evaluation as of an instant: those recorded by then and not retracted
/// by a retraction that itself counts (a retraction can be retracted, restoring its target).
/// </summary>
internal static class FactVisibility
{
    public static void Compute(ReadOnlySpan<Fact> facts, Instant asOf, Span<bool> effective)
    {
        var anyRetraction = false;
        for (var i = 0; i < facts.Length; i++)
        {
            effective[i] = facts[i].RecordedAt <= asOf;
            anyRetraction |= effective[i] && facts[i] is FactRetracted;
        }

        if (!anyRetraction)
        {
            return;
        }

        // Fixpoint: retractions only name earlier facts, so chains are finite and this settles in
        // at most (chain length + 1) rounds; n + 1 rounds bound it even for a malformed cycle.
        for (var round = 0; round <= facts.Length; round++)
        {
            var changed = false;
            for (var i = 0; i < facts.Length; i++)
            {
                var visible = facts[i].RecordedAt <= asOf;
                var now = visible && !IsRetracted(facts, effective, i);
                if (now != effective[i])
                {
                    effective[i] = now;
                    changed = true;
                }
            }

            if (!changed)
            {
                return;
            }
        }
    }

    private static bool IsRetracted(ReadOnlySpan<Fact> facts, Span<bool> effective, int target)
    {
        var id = facts[target].Id;
        for (var j = 0; j < facts.Length; j++)
        {
            if (j != target && effective[j] && facts[j] is FactRetracted r && string.Equals(r.FactId, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
