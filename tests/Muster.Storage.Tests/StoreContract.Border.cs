using Muster.Storage.Api;
using Muster.Storage.Border;
using NodaTime;

namespace Muster.Storage.Tests;

/// <summary>The border's tables (migration 400) on every engine: persons by birth date, who is exit-banned, the snapshot keys and versions.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task Persons_are_found_by_birth_date()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1", nationalId: "4500000001", document: "750000001")]);
        await Store.AppendAsync("p-2", 0, [TestFacts.Registered("p-2", "f-2", nationalId: "4500000002", document: "750000002")]);
        await Store.AppendAsync("p-3", 0, [TestFacts.Registered("p-3", "f-3", nationalId: "4500000003", document: "750000003") with { BirthDate = new LocalDate(1998, 1, 31) }]);
        await using var directory = await RegisterDirectory.OpenAsync(Db);

        var born = await directory.FindByBirthDateAsync(new LocalDate(1998, 1, 30));

        Assert.Equal(["p-1", "p-2"], born.Select(p => p.PersonId));
        Assert.Equal(("Кузнецов", "Дмитрий", "Сергеевич", 1L), (born[0].FamilyName, born[0].GivenNames, born[0].Patronymic, born[0].Version));
        Assert.Equal("p-3", Assert.Single(await directory.FindByBirthDateAsync(new LocalDate(1998, 1, 31))).PersonId);
        Assert.Empty(await directory.FindByBirthDateAsync(new LocalDate(1998, 2, 1)));
    }

    [Fact]
    public async Task The_exit_banned_are_the_banned_whose_projection_still_holds_and_the_due_are_left_to_the_caller()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1", nationalId: "4500000001", document: "750000001")]);
        await Store.AppendAsync("p-2", 0, [TestFacts.Registered("p-2", "f-2", nationalId: "4500000002", document: "750000002")]);
        await Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-3")]);
        await using var border = await BorderStore.OpenAsync(Db);
        var status = await Store.GetStatusAsync("p-1");
        Assert.Contains("travel.exit", status!.InForce);
        Assert.NotNull(status.NextChangeAt);

        var now = await border.ExitBannedAsync(TestFacts.Now);
        Assert.Equal([new BannedDocument("p-1", "RUS", "750000001")], now.Documents);
        Assert.Empty(now.Due);

        // Once the ban's next change has come and nobody has re-evaluated it, the projection is not trusted either way.
        var later = await border.ExitBannedAsync(status.NextChangeAt!.Value);
        Assert.Empty(later.Documents);
        Assert.Equal([new DueStatus("p-1", 2)], later.Due);

        // An appearance lifts the ban in the same transaction as the fact: off the list at once.
        Clock.Advance(Duration.FromHours(1));
        await Store.AppendAsync("p-1", 2, [TestFacts.Appeared("p-1", "f-4", Clock.GetCurrentInstant())]);
        Assert.Empty((await border.ExitBannedAsync(Clock.GetCurrentInstant())).Documents);
    }

    [Fact]
    public async Task The_first_keys_proposed_are_kept_and_every_later_opener_gets_them()
    {
        await using var border = await BorderStore.OpenAsync(Db);
        var first = new BorderKeysRecord("SIGNING-1", "HASH-1", TestFacts.Now);
        var proposals = 0;

        Assert.Equal(first, await border.KeysAsync(() => { proposals++; return first; }));
        await using var other = await BorderStore.OpenAsync(Db);
        Assert.Equal(first, await other.KeysAsync(() => { proposals++; return new BorderKeysRecord("SIGNING-2", "HASH-2", TestFacts.Now); }));
        Assert.Equal(1, proposals);
    }

    [Fact]
    public async Task Snapshot_versions_are_kept_newest_first_up_to_the_limit_and_a_version_is_never_replaced()
    {
        await using var border = await BorderStore.OpenAsync(Db);
        Assert.Null(await border.LatestSnapshotAsync());
        for (var version = 1; version <= 5; version++)
        {
            var saved = await border.SaveSnapshotAsync(Snapshot(version, (byte)version), keep: 3);
            Assert.Equal(version, saved.Version);
        }

        Assert.Equal(5, (await border.LatestSnapshotAsync())!.Version);
        Assert.Null(await border.FindSnapshotAsync(2));
        var third = await border.FindSnapshotAsync(3);
        Assert.Equal(TestFacts.Now + Duration.FromMinutes(3), third!.IssuedAt);
        Assert.Equal([3, 3], third.ContentsDigest);
        Assert.Equal([3, 3, 3], third.Bytes);

        // Another node built version 5 first: its row stays and is what the caller gets back.
        var kept = await border.SaveSnapshotAsync(Snapshot(5, 9), keep: 3);
        Assert.Equal(new byte[] { 5, 5, 5 }, kept.Bytes);
    }

    private static StoredSnapshot Snapshot(long version, byte fill) =>
        new(version, TestFacts.Now + Duration.FromMinutes(version), [(byte)version, (byte)version], [fill, fill, fill]);
}
