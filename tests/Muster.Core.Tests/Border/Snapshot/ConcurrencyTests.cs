using Muster.Core.Border.Snapshot;

namespace Muster.Core.Tests.Border.Snapshot;

/// <summary>IsBanned keeps a keyed HMAC context per thread; many threads and two hash keys must not mix them up.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public void Checks_from_many_threads_against_snapshots_under_two_hash_keys_stay_right()
    {
        var first = SnapshotKeys.Load(SnapshotKeys.Build());
        var otherKey = BorderHashKey.Generate();
        var bytes = BorderSnapshotBuilder.Build(1, SnapshotKeys.IssuedAt, SnapshotKeys.ValidUntil, [("RUS", "4444444444")], SnapshotKeys.Signing, otherKey);
        var second = BorderSnapshot.Load(bytes, SnapshotKeys.Signing.PublicKey, otherKey, SnapshotKeys.Now).Value!;
        var wrong = 0;

        Parallel.For(0, 20_000, i =>
        {
            var ok = (i % 4) switch
            {
                0 => first.IsBanned("RUS", "751234567"),
                1 => !first.IsBanned("RUS", "4444444444"),
                2 => second.IsBanned("RUS", "4444444444"),
                _ => !second.IsBanned("RUS", "751234567"),
            };
            if (!ok)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }
}
