using NodaTime;
using NodaTime.Testing;

namespace Muster.Storage.Tests;

/// <summary>
/// The storage contract: the same tests against every engine (one derived class per engine), each
/// test with a database of its own. Tampering goes through the engine's real command-line client.
/// </summary>
public abstract partial class StoreContract : IAsyncLifetime
{
    protected FakeClock Clock { get; } = new(TestFacts.Now);
    protected string Db { get; private set; } = "";
    protected IFactStore Store { get; private set; } = null!;

    /// <summary>A new empty database for one test: its --db text.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>Runs SQL with the engine's CLI client, as an intruder would: append-only triggers dropped first when <paramref name="bypassTriggers"/>.</summary>
    protected abstract Task<Processes.Result> OutOfBandAsync(string sql, bool bypassTriggers = true);

    protected abstract Task<long> ScalarAsync(string sql);

    public async Task InitializeAsync()
    {
        Db = await NewDatabaseAsync();
        await StoreFactory.MigrateAsync(Db);
        Store = await OpenAsync();
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    protected Task<IFactStore> OpenAsync() => StoreFactory.OpenAsync(Db, new StoreOptions(Clock, TestFacts.Policies));

    private async Task<AppendResult> RegisterAsync(string person = "p-1", string id = "f-1") =>
        await Store.AppendAsync(person, 0, [TestFacts.Registered(person, id)]);

    [Fact]
    public async Task A_persons_first_fact_must_be_a_registration()
    {
        var result = await Store.AppendAsync("p-1", null, [TestFacts.Placed("p-1", "s-1", "f-2")]);

        var rejected = Assert.IsType<AppendResult.Rejected>(result);
        Assert.Equal("f-2", rejected.FactId);
        Assert.Contains("first fact must be person.registered", rejected.Reason);
        Assert.Equal(0, (await Store.ReadPersonAsync("p-1")).Version);
    }

    [Fact]
    public async Task Appended_facts_read_back_in_order_with_the_version_and_the_stores_recorded_at()
    {
        Assert.Equal(new AppendResult.Appended(1, 1, 0), await RegisterAsync());
        Clock.Advance(Duration.FromMinutes(5));
        var result = await Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-2"), TestFacts.Opened("p-1", "s-1", "f-3")]);

        Assert.Equal(new AppendResult.Appended(3, 2, 0), result);
        var stream = await Store.ReadPersonAsync("p-1");
        Assert.Equal(3, stream.Version);
        Assert.Equal(["f-1", "f-2", "f-3"], stream.Facts.Select(f => f.Id));
        Assert.Equal(TestFacts.Now, stream.Facts[0].RecordedAt);
        Assert.Equal(TestFacts.Now + Duration.FromMinutes(5), stream.Facts[2].RecordedAt);
        Assert.Equal(TestFacts.Placed("p-1", "s-1", "f-2") with { RecordedAt = stream.Facts[1].RecordedAt }, stream.Facts[1]);
    }

    [Fact]
    public async Task The_same_fact_appended_twice_is_stored_once()
    {
        await RegisterAsync();
        Clock.Advance(Duration.FromHours(1));

        Assert.Equal(new AppendResult.AlreadyPresent(1), await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1")]));
        Assert.Equal(new AppendResult.Appended(2, 1, 1), await Store.AppendAsync("p-1", 1, [TestFacts.Registered("p-1", "f-1"), TestFacts.Placed("p-1", "s-1", "f-2")]));
        Assert.Equal(2, (await Store.ReadPersonAsync("p-1")).Version);
    }

    [Fact]
    public async Task The_same_id_with_other_content_is_a_conflict()
    {
        await RegisterAsync();

        var result = await Store.AppendAsync("p-1", null, [TestFacts.Registered("p-1", "f-1", familyName: "Иванов")]);

        var conflict = Assert.IsType<AppendResult.Conflict>(result);
        Assert.Equal("f-1", conflict.FactId);
        Assert.Contains("different content", conflict.Reason);
        Assert.Equal("Кузнецов", Assert.IsType<Core.Facts.PersonRegistered>(Assert.Single((await Store.ReadPersonAsync("p-1")).Facts)).FamilyName);
    }

    [Fact]
    public async Task A_fact_id_stored_for_another_person_is_a_conflict()
    {
        await RegisterAsync("p-1", "f-1");

        var result = await Store.AppendAsync("p-2", null, [TestFacts.Registered("p-2", "f-1")]);

        Assert.Contains("already stored for person 'p-1'", Assert.IsType<AppendResult.Conflict>(result).Reason);
        Assert.Empty((await Store.ReadPersonAsync("p-2")).Facts);
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_version_conflict_and_writes_nothing()
    {
        await RegisterAsync();
        await Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-2")]);

        var result = await Store.AppendAsync("p-1", 1, [TestFacts.Opened("p-1", "s-1", "f-3")]);

        Assert.Equal(new AppendResult.VersionConflict(1, 2), result);
        Assert.Equal(2, (await Store.ReadPersonAsync("p-1")).Version);
        Assert.IsType<AppendResult.VersionConflict>(await Store.AppendAsync("p-9", 3, [TestFacts.Registered("p-9", "f-9")]));
    }

    [Fact]
    public async Task Two_clerks_acting_on_the_same_version_cannot_both_succeed()
    {
        await RegisterAsync();
        await using var other = await OpenAsync();

        var results = await Task.WhenAll(
            Task.Run(() => Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-2")])),
            Task.Run(() => other.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-2", "f-3")])));

        Assert.Single(results.OfType<AppendResult.Appended>());
        Assert.Equal(new AppendResult.VersionConflict(1, 2), Assert.Single(results.OfType<AppendResult.VersionConflict>()));
        Assert.Equal(2, (await Store.ReadPersonAsync("p-1")).Version);
        Assert.True((await Store.VerifyAuditChainAsync()).Intact);
    }

    [Fact]
    public async Task A_summons_fact_must_name_a_summons_placed_for_the_person_and_nothing_is_half_written()
    {
        await RegisterAsync();

        var result = await Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-2"), TestFacts.Opened("p-1", "s-other", "f-3")]);

        var rejected = Assert.IsType<AppendResult.Rejected>(result);
        Assert.Equal("f-3", rejected.FactId);
        Assert.Contains("summons 's-other' was not placed for person 'p-1'", rejected.Reason);
        Assert.Equal(1, (await Store.ReadPersonAsync("p-1")).Version);
        Assert.Equal(1, (await Store.VerifyAuditChainAsync()).FactRows);
    }

    [Fact]
    public async Task A_retraction_must_name_a_fact_of_the_person()
    {
        await RegisterAsync("p-1", "f-1");
        await RegisterAsync("p-2", "f-21");
        await Store.AppendAsync("p-1", null, [TestFacts.Placed("p-1", "s-1", "f-2")]);

        var foreign = await Store.AppendAsync("p-1", null, [TestFacts.Retracted("p-1", "f-3", "f-21")]);
        var own = await Store.AppendAsync("p-1", null, [TestFacts.Retracted("p-1", "f-3", "f-2")]);

        Assert.Contains("'f-21' is not a fact of person 'p-1'", Assert.IsType<AppendResult.Rejected>(foreign).Reason);
        Assert.Equal(new AppendResult.Appended(3, 1, 0), own);
    }

    [Fact]
    public async Task An_unmigrated_store_is_refused_with_the_command_to_run_and_migrating_twice_changes_nothing()
    {
        var fresh = await NewDatabaseAsync();
        if (fresh.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            await Processes.CheckedAsync("sqlite3", fresh["sqlite:".Length..], "CREATE TABLE unrelated (x)");
        }

        var refused = await Assert.ThrowsAsync<StoreException>(() => StoreFactory.OpenAsync(fresh, new StoreOptions(Clock, TestFacts.Policies)));
        Assert.Contains("muster db migrate", refused.Message);

        var first = await StoreFactory.MigrateAsync(fresh);
        var again = await StoreFactory.MigrateAsync(fresh);
        Assert.Equal((0, Sqlite.SqliteSchema.Latest), (first.From, first.To));
        Assert.Empty(again.Applied);
        await using var store = await StoreFactory.OpenAsync(fresh, new StoreOptions(Clock, TestFacts.Policies));
        Assert.True((await store.VerifyAuditChainAsync()).Intact);
    }
}
