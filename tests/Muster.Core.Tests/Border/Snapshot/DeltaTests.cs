using Muster.Core.Border.Snapshot;
using NodaTime;

namespace Muster.Core.Tests.Border.Snapshot;

public sealed class DeltaTests
{
    private static readonly Instant LaterIssue = SnapshotKeys.IssuedAt + Duration.FromMinutes(5);
    private static readonly (string, string)[] ListB = [("RUS", "751234567"), ("UTO", "L898902C3"), ("RUS", "1111111111"), ("D", "C01X00T47"), ("RUS", "2222222222")];

    private static byte[] A => SnapshotKeys.Build(100);

    private static byte[] B(long version = 101, Instant? issued = null) =>
        BorderSnapshotBuilder.Build(version, issued ?? LaterIssue, (issued ?? LaterIssue) + Duration.FromHours(24), ListB, SnapshotKeys.Signing, SnapshotKeys.Hash);

    private static BorderSnapshotDelta Delta(byte[] from, byte[] to) =>
        BorderSnapshotDelta.Load(BorderSnapshotDeltaBuilder.Build(from, to, SnapshotKeys.Signing), SnapshotKeys.Signing.PublicKey, SnapshotKeys.Now).Value!;

    [Fact]
    public void Applying_a_delta_gives_the_later_snapshot_exactly()
    {
        var delta = Delta(A, B());
        Assert.Equal((100, 101, 2, 1), (delta.BaseVersion, delta.Version, delta.AddedCount, delta.RemovedCount));

        var applied = SnapshotKeys.Load(A).Apply(delta);

        Assert.True(applied.IsAccepted, applied.ToString());
        var direct = SnapshotKeys.Load(B());
        var snapshot = applied.Value!;
        Assert.Equal((direct.Version, direct.IssuedAt, direct.ValidUntil, direct.Count), (snapshot.Version, snapshot.IssuedAt, snapshot.ValidUntil, snapshot.Count));
        Assert.Equal(direct.Entries.ToArray(), snapshot.Entries.ToArray());
        Assert.True(snapshot.IsBanned("RUS", "2222222222"));
        Assert.False(snapshot.IsBanned("RUS", "4512345678"));
    }

    [Fact]
    public void Deltas_chain()
    {
        var c = BorderSnapshotBuilder.Build(102, LaterIssue + Duration.FromMinutes(5), LaterIssue + Duration.FromHours(25), [("RUS", "3333333333")], SnapshotKeys.Signing, SnapshotKeys.Hash);
        var snapshot = SnapshotKeys.Load(A).Apply(Delta(A, B())).Value!.Apply(Delta(B(), c)).Value!;
        Assert.Equal(102, snapshot.Version);
        Assert.Equal(1, snapshot.Count);
        Assert.True(snapshot.IsBanned("RUS", "3333333333"));
    }

    [Fact]
    public void A_delta_from_another_version_is_refused_and_the_snapshot_is_unchanged()
    {
        var b = SnapshotKeys.Load(B());
        var result = b.Apply(Delta(A, B()));
        Assert.Equal(SnapshotRefusalReason.WrongBase, result.Refusal!.Reason);
        Assert.Contains("from version 100 to 101; this snapshot is version 101", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(101, b.Version);
    }

    [Fact]
    public void A_delta_that_does_not_fit_a_snapshot_of_the_same_version_is_refused_as_inconsistent()
    {
        // Same version number, other contents: a centre that lost its numbering, or a post's file mixed up.
        var otherA = SnapshotKeys.Load(SnapshotKeys.Build(100, ("RUS", "9999999999")));
        var result = otherA.Apply(Delta(A, B()));
        Assert.Equal(SnapshotRefusalReason.Inconsistent, result.Refusal!.Reason);
    }

    [Fact]
    public void A_delta_that_adds_only_is_still_checked_against_the_centres_digest()
    {
        var aPlus = SnapshotKeys.Load(SnapshotKeys.Build(100, [.. SnapshotKeys.Banned, ("RUS", "5555555555")]));
        var onlyAdds = BorderSnapshotBuilder.Build(101, LaterIssue, LaterIssue + Duration.FromHours(24), [.. SnapshotKeys.Banned, ("RUS", "1111111111")], SnapshotKeys.Signing, SnapshotKeys.Hash);
        var result = aPlus.Apply(Delta(A, onlyAdds));
        Assert.Equal(SnapshotRefusalReason.Inconsistent, result.Refusal!.Reason);
    }

    [Fact]
    public void Changing_any_byte_of_a_delta_is_refused()
    {
        var bytes = BorderSnapshotDeltaBuilder.Build(A, B(), SnapshotKeys.Signing);
        for (var position = 0; position < bytes.Length; position++)
        {
            var copy = (byte[])bytes.Clone();
            copy[position] ^= 0x5a;
            Assert.False(BorderSnapshotDelta.Load(copy, SnapshotKeys.Signing.PublicKey, SnapshotKeys.Now).IsAccepted, $"byte {position}");
        }
    }

    [Fact]
    public void A_delta_is_not_a_snapshot_and_a_snapshot_is_not_a_delta()
    {
        var delta = BorderSnapshotDeltaBuilder.Build(A, B(), SnapshotKeys.Signing);
        Assert.Equal(SnapshotRefusalReason.BadMagic, BorderSnapshot.Load(delta, SnapshotKeys.Signing.PublicKey, SnapshotKeys.Hash, SnapshotKeys.Now).Refusal!.Reason);
        Assert.Equal(SnapshotRefusalReason.BadMagic, BorderSnapshotDelta.Load(A, SnapshotKeys.Signing.PublicKey, SnapshotKeys.Now).Refusal!.Reason);
    }

    [Fact]
    public void An_expired_delta_and_one_signed_by_another_key_are_refused()
    {
        var bytes = BorderSnapshotDeltaBuilder.Build(A, B(), SnapshotKeys.Signing);
        Assert.Equal(SnapshotRefusalReason.Expired, BorderSnapshotDelta.Load(bytes, SnapshotKeys.Signing.PublicKey, LaterIssue + Duration.FromHours(24)).Refusal!.Reason);
        using var other = BorderSigningKey.Generate();
        Assert.Equal(SnapshotRefusalReason.WrongKey, BorderSnapshotDelta.Load(bytes, other.PublicKey, SnapshotKeys.Now).Refusal!.Reason);
    }

    [Fact]
    public void The_builder_refuses_backwards_deltas_other_keys_and_hash_key_changes()
    {
        Assert.Throws<ArgumentException>(() => BorderSnapshotDeltaBuilder.Build(B(), A, SnapshotKeys.Signing));
        using var other = BorderSigningKey.Generate();
        Assert.Throws<ArgumentException>(() => BorderSnapshotDeltaBuilder.Build(A, B(), other));
        var rehashed = BorderSnapshotBuilder.Build(101, LaterIssue, LaterIssue + Duration.FromHours(1), ListB, SnapshotKeys.Signing, BorderHashKey.Generate());
        Assert.Throws<ArgumentException>(() => BorderSnapshotDeltaBuilder.Build(A, rehashed, SnapshotKeys.Signing));
    }

    [Fact]
    public void The_delta_is_164_bytes_plus_12_per_change()
    {
        Assert.Equal(164 + (12 * 3), BorderSnapshotDeltaBuilder.Build(A, B(), SnapshotKeys.Signing).Length);
    }
}
