using Muster.Core.Border.Snapshot;
using NodaTime;

namespace Muster.Core.Tests.Border.Snapshot;

/// <summary>Past valid-until a post refuses to decide; a clock that is behind is distrusted.</summary>
public sealed class ExpiryTests
{
    private static readonly byte[] Bytes = SnapshotKeys.Build();

    private static SnapshotResult<BorderSnapshot> At(Instant now) => BorderSnapshot.Load(Bytes, SnapshotKeys.Signing.PublicKey, SnapshotKeys.Hash, now);

    [Fact]
    public void A_snapshot_decides_until_the_last_moment_before_valid_until()
    {
        Assert.True(At(SnapshotKeys.IssuedAt).IsAccepted);
        Assert.True(At(SnapshotKeys.ValidUntil - Duration.FromMilliseconds(1)).IsAccepted);
    }

    [Fact]
    public void At_and_after_valid_until_it_is_refused_as_expired_with_the_instant()
    {
        var result = At(SnapshotKeys.ValidUntil);
        Assert.Equal(SnapshotRefusalReason.Expired, result.Refusal!.Reason);
        Assert.Contains("expired at 2026-03-06T06:00:00Z", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(SnapshotRefusalReason.Expired, At(SnapshotKeys.ValidUntil + Duration.FromDays(400)).Refusal!.Reason);
    }

    [Fact]
    public void A_snapshot_issued_after_the_posts_clock_beyond_the_tolerance_is_refused()
    {
        Assert.True(At(SnapshotKeys.IssuedAt - BorderSnapshot.ClockSkewTolerance).IsAccepted);
        var result = At(SnapshotKeys.IssuedAt - BorderSnapshot.ClockSkewTolerance - Duration.FromSeconds(1));
        Assert.Equal(SnapshotRefusalReason.IssuedInFuture, result.Refusal!.Reason);
    }

    [Fact]
    public void A_loaded_snapshot_can_be_asked_again_later_whether_it_still_decides()
    {
        var snapshot = At(SnapshotKeys.Now).Value!;
        Assert.Null(snapshot.RefusalAt(SnapshotKeys.Now));
        Assert.Equal(SnapshotRefusalReason.Expired, snapshot.RefusalAt(SnapshotKeys.ValidUntil)!.Reason);
    }
}
