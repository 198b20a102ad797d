namespace Muster.Core.Tests.Border.Snapshot;

/// <summary>The check a post runs for every traveller allocates nothing. Counted in bytes on this thread, not timed.</summary>
public sealed class SnapshotAllocationTests
{
    [Fact]
    public void IsBanned_allocates_nothing_for_hits_and_misses()
    {
        var snapshot = SnapshotKeys.Load(SnapshotKeys.Build());
        Assert.True(snapshot.IsBanned("RUS", "75 1234567"));
        Assert.False(snapshot.IsBanned("RUS", "75 1234568"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            snapshot.IsBanned("RUS", "75 1234567");
            snapshot.IsBanned("RUS", "75 1234568");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
