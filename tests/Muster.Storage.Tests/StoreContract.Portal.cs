using NodaTime;
using Muster.Storage.Portal;

namespace Muster.Storage.Tests;

/// <summary>The portals' tables (migration 300) on every engine: accounts, persons by name, the latest access-log rows.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task A_portal_account_is_saved_found_and_replaced_by_username()
    {
        await using var portal = await PortalDirectory.OpenAsync(Db);
        var user = new PortalUserRecord("clerk.ivanova", "HASH-1", "clerk", null, "MOW-07", "Ivanova", TestFacts.Now, null);

        await portal.SaveUserAsync(user);
        await portal.SaveUserAsync(user with { PasswordHash = "HASH-2", DisabledAt = TestFacts.Now });

        Assert.Equal(user with { PasswordHash = "HASH-2", DisabledAt = TestFacts.Now }, await portal.FindUserAsync("clerk.ivanova"));
        Assert.Null(await portal.FindUserAsync("clerk.IVANOVA"));
        Assert.Equal(["clerk.ivanova"], (await portal.ListUsersAsync()).Select(u => u.Username));
    }

    [Fact]
    public async Task Persons_are_found_by_the_start_of_their_family_and_given_names_within_a_region()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1", "4500000001", "750000001", "Кузнецов")]);
        await Store.AppendAsync("p-2", 0, [TestFacts.Registered("p-2", "f-2", "4500000002", "750000002", "Кузьмин")]);
        await Store.AppendAsync("p-3", 0, [TestFacts.Registered("p-3", "f-3", "4500000003", "750000003", "Иванов")]);
        await using var portal = await PortalDirectory.OpenAsync(Db);

        Assert.Equal(["p-2"], (await portal.FindByNameAsync("Кузь", null, null, 10)).Select(p => p.PersonId));
        Assert.Equal(["p-1"], (await portal.FindByNameAsync("Кузн", null, null, 10)).Select(p => p.PersonId));
        Assert.Equal(["p-1", "p-2"], (await portal.FindByNameAsync("Куз", "Дмит", "RU-MOW", 10)).Select(p => p.PersonId).Order());
        Assert.Empty(await portal.FindByNameAsync("Куз", "Алекс", null, 10));
        Assert.Empty(await portal.FindByNameAsync("Куз", null, "RU-KGD", 10));
        Assert.Single(await portal.FindByNameAsync("Куз", null, null, 1));
        var found = Assert.Single(await portal.FindByNameAsync("Иванов", null, null, 10));
        Assert.Equal(new LocalDate(1998, 1, 30), found.BirthDate);
    }

    [Fact]
    public async Task The_latest_access_log_rows_come_newest_first()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1")]);
        for (var i = 0; i < 5; i++)
        {
            await Store.RecordAccessAsync("user:clerk", "p-1", $"read {i}", TestFacts.Now);
        }

        await using var portal = await PortalDirectory.OpenAsync(Db);
        Assert.Equal(["read 4", "read 3", "read 2"], (await portal.RecentAccessAsync(3)).Select(a => a.Purpose));
    }
}
