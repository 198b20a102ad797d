namespace Muster.Storage.Tests;

public abstract partial class StoreContract
{
    private async Task SeedThreeFactsAsync()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1")]);
        await Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-2")]);
        await Store.AppendAsync("p-1", 2, [TestFacts.Opened("p-1", "s-1", "f-3")]);
        await Store.AppendAsync("p-2", 0, [TestFacts.Registered("p-2", "f-4", nationalId: "4501000002", document: "761000002")]);
    }

    private static void AssertOut(Processes.Result result) => Assert.True(result.ExitCode == 0, result.All);

    [Fact]
    public async Task The_chain_of_an_untouched_store_is_intact()
    {
        await SeedThreeFactsAsync();

        var report = await Store.VerifyAuditChainAsync();

        Assert.True(report.Intact, report.Problem);
        Assert.Equal(4, report.FactRows);
        Assert.Equal(64, report.FactTipHash.Length);
    }

    [Fact]
    public async Task The_log_refuses_updates_and_deletes()
    {
        await SeedThreeFactsAsync();

        var update = await OutOfBandAsync("UPDATE facts SET content = 'x' WHERE seq = 2", bypassTriggers: false);
        var delete = await OutOfBandAsync("DELETE FROM facts WHERE seq = 2", bypassTriggers: false);

        Assert.NotEqual(0, update.ExitCode);
        Assert.Contains("append-only", update.All);
        Assert.NotEqual(0, delete.ExitCode);
        Assert.True((await Store.VerifyAuditChainAsync()).Intact);
    }

    [Fact]
    public async Task An_altered_row_is_named_by_verify_and_by_muster_audit_verify()
    {
        await SeedThreeFactsAsync();

        AssertOut(await OutOfBandAsync("UPDATE facts SET content = replace(content, 'MOW-07', 'MOW-08') WHERE seq = 2"));

        var report = await Store.VerifyAuditChainAsync();
        Assert.False(report.Intact);
        Assert.Equal(("facts", 2L), (report.Chain, report.Sequence));
        Assert.Contains("content altered", report.Problem);

        var cli = await MusterCli.RunAsync("audit", "verify", "--db", Db);
        Assert.Equal(3, cli.ExitCode);
        Assert.Contains("fact log row 2: content altered", cli.All.ReplaceLineEndings(" "));
    }

    [Fact]
    public async Task A_row_whose_columns_were_changed_is_named()
    {
        await SeedThreeFactsAsync();

        AssertOut(await OutOfBandAsync("UPDATE facts SET person_id = 'p-2' WHERE seq = 3"));

        var report = await Store.VerifyAuditChainAsync();
        Assert.Equal(3L, report.Sequence);
        Assert.Contains("disagrees with its hashed content", report.Problem);
    }

    [Fact]
    public async Task A_deleted_row_is_named()
    {
        await SeedThreeFactsAsync();

        AssertOut(await OutOfBandAsync("DELETE FROM facts WHERE seq = 2"));

        var report = await Store.VerifyAuditChainAsync();
        Assert.Equal(("facts", 2L), (report.Chain, report.Sequence));
        Assert.Contains("row missing", report.Problem);
    }

    [Fact]
    public async Task A_deleted_last_row_is_named()
    {
        await SeedThreeFactsAsync();

        AssertOut(await OutOfBandAsync("DELETE FROM facts WHERE seq = 4"));

        var report = await Store.VerifyAuditChainAsync();
        Assert.Equal(4L, report.Sequence);
        Assert.Contains("row missing", report.Problem);
    }

    [Fact]
    public async Task A_row_inserted_out_of_band_is_named()
    {
        await SeedThreeFactsAsync();

        AssertOut(await OutOfBandAsync(
            "INSERT INTO facts (seq, fact_id, person_id, type, content, prev_hash, hash) " +
            "SELECT seq + 1, 'forged', person_id, type, replace(content, 'f-4', 'forged'), hash, hash FROM facts WHERE seq = 4"));

        var report = await Store.VerifyAuditChainAsync();
        Assert.Equal(("facts", 5L), (report.Chain, report.Sequence));
        Assert.NotNull(report.Problem);
    }

    [Fact]
    public async Task An_altered_access_record_is_named()
    {
        await SeedThreeFactsAsync();
        await Store.RecordAccessAsync("clerk-4", "p-1", "appearance", TestFacts.Now);
        await Store.RecordAccessAsync("clerk-5", "p-2", "appearance", TestFacts.Now);

        AssertOut(await OutOfBandAsync("UPDATE access_log SET content = replace(content, 'clerk-5', 'clerk-6') WHERE seq = 2"));

        var report = await Store.VerifyAuditChainAsync();
        Assert.Equal(("access", 2L), (report.Chain, report.Sequence));
        Assert.Contains("content altered", report.Problem);
    }
}
