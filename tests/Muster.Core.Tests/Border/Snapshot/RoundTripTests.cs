using Muster.Core.Border.Snapshot;
using NodaTime;

namespace Muster.Core.Tests.Border.Snapshot;

public sealed class RoundTripTests
{
    [Fact]
    public void A_built_snapshot_loads_with_its_header_and_finds_every_listed_document()
    {
        var result = BorderSnapshot.Load(SnapshotKeys.Build(), SnapshotKeys.Signing.PublicKey, SnapshotKeys.Hash, SnapshotKeys.Now);

        Assert.True(result.IsAccepted, result.ToString());
        var snapshot = result.Value!;
        Assert.Equal(100, snapshot.Version);
        Assert.Equal(SnapshotKeys.IssuedAt, snapshot.IssuedAt);
        Assert.Equal(SnapshotKeys.ValidUntil, snapshot.ValidUntil);
        Assert.Equal(SnapshotKeys.Signing.KeyId, snapshot.KeyId);
        Assert.Equal(SnapshotKeys.Hash.Id, snapshot.HashKeyId);
        Assert.Equal(4, snapshot.Count);
        Assert.All(SnapshotKeys.Banned, b => Assert.True(snapshot.IsBanned(b.Item1, b.Item2)));
    }

    [Theory]
    [InlineData("RUS", "751234568")]
    [InlineData("UTO", "751234567")]
    [InlineData("D", "L898902C3")]
    [InlineData("RUS", "75123456")]
    public void A_document_not_in_the_list_is_allowed(string state, string number) =>
        Assert.False(SnapshotKeys.Load(SnapshotKeys.Build()).IsBanned(state, number));

    [Fact]
    public void An_empty_list_is_a_valid_snapshot_that_allows_everyone()
    {
        var bytes = BorderSnapshotBuilder.Build(1, SnapshotKeys.IssuedAt, SnapshotKeys.ValidUntil, [], SnapshotKeys.Signing, SnapshotKeys.Hash);
        var snapshot = SnapshotKeys.Load(bytes);
        Assert.Equal(0, snapshot.Count);
        Assert.False(snapshot.IsBanned("RUS", "751234567"));
    }

    [Fact]
    public void A_document_listed_twice_or_written_two_ways_is_one_entry()
    {
        var snapshot = SnapshotKeys.Load(SnapshotKeys.Build(1, ("RUS", "75 1234567"), ("rus", "75-1234567"), ("RUS", "751234567")));
        Assert.Equal(1, snapshot.Count);
    }

    [Fact]
    public void The_size_is_120_bytes_plus_12_per_document()
    {
        var banned = Enumerable.Range(0, 1000).Select(i => ("RUS", $"{i:D10}")).ToArray();
        var bytes = BorderSnapshotBuilder.Build(1, SnapshotKeys.IssuedAt, SnapshotKeys.ValidUntil, banned, SnapshotKeys.Signing, SnapshotKeys.Hash);
        Assert.Equal(120 + (12 * 1000), bytes.Length);

        // So 1,000,000 documents are 12,000,120 bytes, well under the 40 MB the issue allows.
        Assert.True(120 + (12L * 1_000_000) <= 40_000_000);
    }

    [Fact]
    public void The_reference_names_the_version_and_a_hash_prefix_but_not_the_document()
    {
        var snapshot = SnapshotKeys.Load(SnapshotKeys.Build());
        var reference = snapshot.Reference("RUS", "751234567");
        Assert.Matches("^100-[0-9a-f]{12}$", reference);
        Assert.DoesNotContain("751234567", reference, StringComparison.Ordinal);
        Assert.StartsWith(reference[4..], SnapshotKeys.Hash.HashOf("RUS", "751234567"), StringComparison.Ordinal);
    }

    [Fact]
    public void Instants_are_kept_to_the_millisecond()
    {
        var issued = SnapshotKeys.IssuedAt + Duration.FromTicks(12_345);
        var bytes = BorderSnapshotBuilder.Build(1, issued, SnapshotKeys.ValidUntil, SnapshotKeys.Banned, SnapshotKeys.Signing, SnapshotKeys.Hash);
        Assert.Equal(SnapshotKeys.IssuedAt + Duration.FromMilliseconds(1), SnapshotKeys.Load(bytes).IssuedAt);
    }

    [Fact]
    public void The_builder_refuses_an_empty_validity_window_and_names_a_bad_entry()
    {
        Assert.Throws<ArgumentException>(() => BorderSnapshotBuilder.Build(1, SnapshotKeys.IssuedAt, SnapshotKeys.IssuedAt, [], SnapshotKeys.Signing, SnapshotKeys.Hash));
        var e = Assert.Throws<ArgumentException>(() => BorderSnapshotBuilder.Build(1, SnapshotKeys.IssuedAt, SnapshotKeys.ValidUntil, [("RUS", "1"), ("RUS", "75 АБ")], SnapshotKeys.Signing, SnapshotKeys.Hash));
        Assert.Contains("banned[1]: documentNumber", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hash_is_hmac_sha256_of_state_bar_number_cut_to_12_bytes()
    {
        var key = BorderHashKey.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var expected = System.Security.Cryptography.HMACSHA256.HashData(key.Key, "RUS|751234567"u8.ToArray())[..12];
        Assert.Equal(Convert.ToHexStringLower(expected), key.HashOf("rus", "75 1234567"));
    }
}
