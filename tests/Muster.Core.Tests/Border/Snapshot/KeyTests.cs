using System.Security.Cryptography;
using Muster.Core.Border.Snapshot;

namespace Muster.Core.Tests.Border.Snapshot;

public sealed class KeyTests
{
    [Fact]
    public void A_snapshot_checked_with_another_public_key_is_refused_naming_both_keys()
    {
        using var other = BorderSigningKey.Generate();
        var result = BorderSnapshot.Load(SnapshotKeys.Build(), other.PublicKey, SnapshotKeys.Hash, SnapshotKeys.Now);
        Assert.Equal(SnapshotRefusalReason.WrongKey, result.Refusal!.Reason);
        Assert.Contains(SnapshotKeys.Signing.KeyId, result.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains(other.KeyId, result.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_checked_with_another_hash_key_is_refused_because_every_lookup_would_miss()
    {
        var result = BorderSnapshot.Load(SnapshotKeys.Build(), SnapshotKeys.Signing.PublicKey, BorderHashKey.Generate(), SnapshotKeys.Now);
        Assert.Equal(SnapshotRefusalReason.WrongHashKey, result.Refusal!.Reason);
    }

    [Fact]
    public void The_signing_key_survives_pkcs8_pem_and_the_public_key_spki_pem()
    {
        var pem = SnapshotKeys.Signing.ToPkcs8Pem();
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        using var again = BorderSigningKey.FromPkcs8Pem(pem);
        var published = BorderPublicKey.FromPem(SnapshotKeys.Signing.PublicKey.ToPem());
        Assert.Equal(SnapshotKeys.Signing.KeyId, again.KeyId);
        Assert.Equal(SnapshotKeys.Signing.KeyId, published.KeyId);

        // Signed with the re-read key, verified with the re-read public key.
        var bytes = BorderSnapshotBuilder.Build(1, SnapshotKeys.IssuedAt, SnapshotKeys.ValidUntil, SnapshotKeys.Banned, again, SnapshotKeys.Hash);
        Assert.True(BorderSnapshot.Load(bytes, published, SnapshotKeys.Hash, SnapshotKeys.Now).IsAccepted);
    }

    [Fact]
    public void The_key_id_is_the_first_8_bytes_of_sha256_of_the_spki_and_is_printed_before_the_pem()
    {
        var pem = SnapshotKeys.Signing.PublicKey.ToPem();
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        var expected = Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo())[..8]);
        Assert.Equal(expected, SnapshotKeys.Signing.KeyId);
        Assert.StartsWith($"Muster border snapshot public key, key id {expected}\n-----BEGIN PUBLIC KEY-----", pem, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_on_other_curves_and_other_pem_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<FormatException>(() => BorderSigningKey.FromPkcs8Pem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<FormatException>(() => BorderPublicKey.FromPem(p384.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<FormatException>(() => BorderPublicKey.FromPem("hello"));
        Assert.Throws<FormatException>(() => BorderSigningKey.FromPkcs8Pem(SnapshotKeys.Signing.PublicKey.ToPem()));
        Assert.Throws<FormatException>(() => BorderHashKey.FromPem(SnapshotKeys.Signing.PublicKey.ToPem()));
    }

    [Fact]
    public void The_hash_key_survives_its_pem_and_its_id_does_not_reveal_it()
    {
        var pem = SnapshotKeys.Hash.ToPem();
        var again = BorderHashKey.FromPem(pem);
        Assert.Equal(SnapshotKeys.Hash.Id, again.Id);
        Assert.Equal(SnapshotKeys.Hash.HashOf("RUS", "1"), again.HashOf("RUS", "1"));
        Assert.Contains("-----BEGIN MUSTER BORDER HASH KEY-----", pem, StringComparison.Ordinal);
        Assert.NotEqual(SnapshotKeys.Hash.Id, BorderHashKey.Generate().Id);
    }
}
