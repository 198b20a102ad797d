using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Muster.Core.Border.Snapshot;

namespace Muster.Core.Tests.Border.Snapshot;

/// <summary>Any change to a snapshot's bytes is refused, and no bytes make <see cref="BorderSnapshot.Load"/> throw.</summary>
public sealed class TamperingTests
{
    private static readonly byte[] Original = SnapshotKeys.Build();

    [Fact]
    public void Changing_any_bit_of_any_byte_is_refused()
    {
        for (var position = 0; position < Original.Length; position++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var bytes = (byte[])Original.Clone();
                bytes[position] ^= (byte)(1 << bit);
                var result = BorderSnapshot.Load(bytes, SnapshotKeys.Signing.PublicKey, SnapshotKeys.Hash, SnapshotKeys.Now);
                Assert.False(result.IsAccepted, $"byte {position} bit {bit} changed and still accepted");
            }
        }
    }

    [Fact]
    public void Changing_a_signed_byte_is_refused_for_its_signature_or_its_header()
    {
        var bytes = (byte[])Original.Clone();
        bytes[60] ^= 1; // inside the first hash
        Assert.Equal(SnapshotRefusalReason.BadSignature, Refusal(bytes));
        bytes = (byte[])Original.Clone();
        bytes[33] ^= 1; // valid-until: pushing expiry is what an attacker would try
        Assert.Equal(SnapshotRefusalReason.BadSignature, Refusal(bytes));
        bytes = (byte[])Original.Clone();
        bytes[0] = (byte)'X';
        Assert.Equal(SnapshotRefusalReason.BadMagic, Refusal(bytes));
        bytes = (byte[])Original.Clone();
        bytes[8] = 2;
        Assert.Equal(SnapshotRefusalReason.UnsupportedFormat, Refusal(bytes));
        bytes = (byte[])Original.Clone();
        bytes[12] = 200;
        Assert.Equal(SnapshotRefusalReason.Truncated, Refusal(bytes));
    }

    [Fact]
    public void Every_truncation_and_any_appended_byte_is_refused()
    {
        for (var length = 0; length < Original.Length; length++)
        {
            Assert.False(BorderSnapshot.Load(Original.AsSpan(0, length), SnapshotKeys.Signing.PublicKey, SnapshotKeys.Hash, SnapshotKeys.Now).IsAccepted, $"length {length}");
        }

        Assert.Equal(SnapshotRefusalReason.Malformed, Refusal([.. Original, 0]));
    }

    [Fact]
    public void Removing_an_entry_and_fixing_the_count_is_refused_by_the_signature()
    {
        // Dropping a hash is how someone would let a banned person through.
        var bytes = Original.Take(56).Concat(Original.Skip(56 + 12)).ToArray();
        bytes[12]--;
        Assert.Equal(SnapshotRefusalReason.BadSignature, Refusal(bytes));
    }

    [Fact]
    public void A_snapshot_signed_by_another_key_that_claims_the_trusted_key_id_is_refused_by_the_signature()
    {
        using var attacker = BorderSigningKey.Generate();
        var contents = new SnapshotContents(100, SnapshotKeys.IssuedAt, SnapshotKeys.ValidUntil, SnapshotKeys.Signing.PublicKey.IdBytes, SnapshotKeys.Hash.IdBytes, []);
        Assert.Equal(SnapshotRefusalReason.BadSignature, Refusal(SnapshotCodec.Write(contents, attacker)));
    }

    [Fact]
    public void A_centre_signed_snapshot_with_unsorted_hashes_is_refused_as_malformed()
    {
        var contents = new SnapshotContents(100, SnapshotKeys.IssuedAt, SnapshotKeys.ValidUntil, SnapshotKeys.Signing.PublicKey.IdBytes, SnapshotKeys.Hash.IdBytes, [new(2, 0), new(1, 0)]);
        Assert.Equal(SnapshotRefusalReason.Malformed, Refusal(SnapshotCodec.Write(contents, SnapshotKeys.Signing)));
    }

    [Property(MaxTest = 1000)]
    public Property Arbitrary_bytes_never_throw_and_are_refused() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => !BorderSnapshot.Load(bytes, SnapshotKeys.Signing.PublicKey, SnapshotKeys.Hash, SnapshotKeys.Now).IsAccepted);

    [Property(MaxTest = 1000)]
    public Property A_valid_header_with_arbitrary_counts_and_tails_never_throws() =>
        Prop.ForAll(
            ArbMap.Default.ArbFor<uint>(),
            ArbMap.Default.ArbFor<byte[]>(),
            (count, tail) =>
            {
                var bytes = Original.Take(56).Concat(tail).ToArray();
                BitConverter.TryWriteBytes(bytes.AsSpan(12), count);
                return !BorderSnapshot.Load(bytes, SnapshotKeys.Signing.PublicKey, SnapshotKeys.Hash, SnapshotKeys.Now).IsAccepted &&
                    !BorderSnapshotDelta.Load(bytes, SnapshotKeys.Signing.PublicKey, SnapshotKeys.Now).IsAccepted;
            });

    private static SnapshotRefusalReason? Refusal(byte[] bytes) =>
        BorderSnapshot.Load(bytes, SnapshotKeys.Signing.PublicKey, SnapshotKeys.Hash, SnapshotKeys.Now).Refusal?.Reason;
}
