using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Muster.Core.Border.Snapshot;

namespace Muster.Core.Tests.Border.Snapshot;

/// <summary>For random lists: everything listed is banned, everything else is allowed, and a delta between any two lists works.</summary>
public sealed class SnapshotProperties
{
    private static readonly Gen<(string, string)> Document =
        Gen.Elements("RUS", "UTO", "D", "KAZ")
            .SelectMany(s => Gen.Choose(0, 99_999).Select(n => (s, $"75{n:D5}")));

    private static Arbitrary<(string, string)[]> Lists => Gen.ArrayOf(Document).ToArbitrary();

    [Property(MaxTest = 100)]
    public Property Listed_documents_are_banned_and_others_are_not() =>
        Prop.ForAll(Lists, ArbMap.Default.ArbFor<int>(), (list, probe) =>
        {
            var snapshot = SnapshotKeys.Load(SnapshotKeys.Build(1, [.. list.DefaultIfEmpty(("RUS", "0"))]));
            var other = ("RUS", $"{probe & 0x7fffffff}X");
            return list.All(d => snapshot.IsBanned(d.Item1, d.Item2)) && !snapshot.IsBanned(other.Item1, other.Item2);
        });

    [Property(MaxTest = 50)]
    public Property A_delta_between_any_two_lists_leads_to_the_second() =>
        Prop.ForAll(Lists, Lists, (first, second) =>
        {
            var a = SnapshotKeys.Build(1, [.. first.DefaultIfEmpty(("RUS", "0"))]);
            var b = SnapshotKeys.Build(2, [.. second.DefaultIfEmpty(("RUS", "1"))]);
            var delta = BorderSnapshotDelta.Load(BorderSnapshotDeltaBuilder.Build(a, b, SnapshotKeys.Signing), SnapshotKeys.Signing.PublicKey, SnapshotKeys.Now).Value!;
            var applied = SnapshotKeys.Load(a).Apply(delta).Value!;
            return applied.Entries.SequenceEqual(SnapshotKeys.Load(b).Entries);
        });
}
