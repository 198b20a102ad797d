using Muster.Core.Border.Snapshot;
using NodaTime;

namespace Muster.Core.Tests.Border.Snapshot;

/// <summary>One set of centre keys and instants shared by the snapshot tests (keys are immutable; generating them per test only costs time).</summary>
internal static class SnapshotKeys
{
    public static readonly BorderSigningKey Signing = BorderSigningKey.Generate();
    public static readonly BorderHashKey Hash = BorderHashKey.Generate();
    public static readonly Instant IssuedAt = Instant.FromUtc(2026, 3, 5, 6, 0);
    public static readonly Instant ValidUntil = IssuedAt + Duration.FromHours(24);
    public static readonly Instant Now = IssuedAt + Duration.FromHours(3);

    public static readonly (string, string)[] Banned =
    [
        ("RUS", "751234567"),
        ("RUS", "4512345678"),
        ("UTO", "L898902C3"),
        ("D", "C01X00T47"),
    ];

    public static byte[] Build(long version = 100, params (string, string)[] banned) =>
        BorderSnapshotBuilder.Build(version, IssuedAt, ValidUntil, banned.Length == 0 ? Banned : banned, Signing, Hash);

    public static BorderSnapshot Load(byte[] bytes) =>
        BorderSnapshot.Load(bytes, Signing.PublicKey, Hash, Now) is { Value: { } s } ? s : throw new InvalidOperationException("refused");
}
