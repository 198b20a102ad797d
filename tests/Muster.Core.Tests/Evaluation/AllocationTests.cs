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
        // One PersonStatus: 16 B header, PersonId 8, At 16, AsOf 16, two ImmutableArrays 8 + 8,
        // NextChangeAt (Instant?) 24, Warnings 8 = 104 B. Nothing else.
        Assert.InRange(perCall, 1, 104);
    }

    [Fact]
    public void Evaluating_with_restrictions_in_force_allocates_the_records_it_returns_and_little_else()
    {
        Fact[] facts = [.. new History("p1", "RU-MOW").Placed("s1", "2026-02-02T09:00:00Z", "2026-02-05T10:00").Facts];
        var at = History.I("2026-03-10T00:00:00Z");
        var status = Evaluator.Evaluate(facts, ShippedPolicies.Russia, at, Instant.MaxValue);
        Assert.Equal(7, status.InForce.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Evaluator.Evaluate(facts, ShippedPolicies.Russia, at, Instant.MaxValue);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        // The result only: 7 RestrictionInterval records of 104 B (header 16, six references 48,
        // Start 16, End 24) = 728, their array 80, two caused-by arrays of 32 and the status 104
        // = 976 B. Anything beyond that would be scratch space the pools should have provided.
        Assert.InRange(bytes, 900, 976);
    }
}
