using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Tests.Support;
using NodaTime;

namespace Muster.Core.Tests.Evaluation;

/// <summary>
/// The hot path allocates only its result. Counted in bytes on this thread (deterministic), not timed.
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void Evaluating_a_history_with_nothing_in_force_allocates_only_the_status_object()
    {
        var facts = new History("p1", "RU-KAM")
            .Placed("s1", "2026-02-02T09:00:00Z", "2026-02-05T10:00")
            .Opened("s1", "2026-02-02T10:00:00Z")
            .Placed("s2", "2026-02-03T09:00:00Z", "2026-02-06T10:00")
            .Appeared("2026-02-04T08:00:00Z")
            .Facts.ToArray();
        var at = History.I("2026-03-10T00:00:00Z");
        var status = Evaluator.Evaluate(facts, ShippedPolicies.Russia, at, Instant.MaxValue); // warm the pools
        Assert.Empty(status.InForce);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Evaluator.Evaluate(facts, ShippedPolicies.Russia, at, Instant.MaxValue);
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        // One PersonStatus: 16 B header, PersonId 8, Warnings 8, entries 8, two lazily built
        // record arrays 8 + 8, the in-force count 4 (+4 padding), At 16, AsOf 16, NextChangeAt
        // (Instant?) 24 = 120 B. Nothing else: the empty entry array is a shared singleton.
        Assert.InRange(perCall, 1, 120);
    }

    [Fact]
    public void Evaluating_with_restrictions_in_force_allocates_the_status_and_one_entry_per_summons_and_rule()
    {
        Fact[] facts = [.. new History("p1", "RU-MOW").Placed("s1", "2026-02-02T09:00:00Z", "2026-02-05T10:00").Facts];
        var at = History.I("2026-03-10T00:00:00Z");
        Assert.Equal(7, Evaluator.Evaluate(facts, ShippedPolicies.Russia, at, Instant.MaxValue).InForce.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var status = Evaluator.Evaluate(facts, ShippedPolicies.Russia, at, Instant.MaxValue);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        // The status (120 B) and one array of two entries, one per rule (exit ban, interim
        // measures): 24 B header and length + 2 × 80 B (five references, Start 16, End 24) = 304 B.
        Assert.InRange(bytes, 250, 304);

        // The questions hot callers ask are answered from the entries, allocating nothing.
        before = GC.GetAllocatedBytesForCurrentThread();
        var banned = status.IsRestricted("travel.exit");
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(banned);
    }

    [Fact]
    public void The_per_code_records_are_built_once_on_first_use()
    {
        Fact[] facts = [.. new History("p1", "RU-MOW").Placed("s1", "2026-02-02T09:00:00Z", "2026-02-05T10:00").Facts];
        var status = Evaluator.Evaluate(facts, ShippedPolicies.Russia, History.I("2026-03-10T00:00:00Z"), Instant.MaxValue);

        var first = status.InForce;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var second = status.InForce;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(7, first.Length);
        Assert.True(first == second, "the second read returns the same array");
        Assert.Equal<string>([.. first.Select(r => r.Code).Order(StringComparer.Ordinal)], status.CodesInForce().AsEnumerable());
    }
}
