using NodaTime;

namespace Muster.Storage.Tests;

/// <summary>The projections against the log: `muster db rebuild --verify` names what differs, `muster db rebuild` mends it.</summary>
public abstract partial class StoreContract
{
    /// <summary>Four persons written every way the store writes projections: appends, a renewal, a retraction, an import, a refresh.</summary>
    private async Task SeedForRebuildAsync()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1")]);
        await Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-2")]);
        await Store.AppendAsync("p-2", 0, [TestFacts.Registered("p-2", "f-21", nationalId: "4501000002", document: "761000002")]);
        await Store.AppendAsync("p-2", 1, [TestFacts.Registered("p-2", "f-22", nationalId: "4501000002", document: "761999999", at: TestFacts.Now)]);
        await Store.AppendAsync("p-3", 0, [TestFacts.Registered("p-3", "f-31", nationalId: "4501000003", document: "761000003")]);
        await Store.AppendAsync("p-3", 1, [TestFacts.Registered("p-3", "f-32", nationalId: "4501000003", document: "761000033", at: TestFacts.Now)]);
        await Store.AppendAsync("p-3", 2, [TestFacts.Retracted("p-3", "f-33", "f-32")]);
        await Store.ImportAsync(TestFacts.Lines(
            TestFacts.Line(TestFacts.Registered("p-4", "f-41", nationalId: "4501000004", document: "761000004")),
            TestFacts.Line(TestFacts.Placed("p-4", "s-4", "f-42"))));
        Clock.Advance(Duration.FromHours(1));
        await Store.RefreshStatusAsync(["p-1"]);
    }

    private async Task<IFactStore> OpenWithRangesOfAsync(int persons) =>
        await StoreFactory.OpenAsync(Db, new StoreOptions(Clock, TestFacts.Policies) { RebuildRangePersons = persons });

    [Fact]
    public async Task The_projections_of_appends_imports_and_refreshes_equal_a_rebuild_from_the_log()
    {
        await SeedForRebuildAsync();
        await using var smallRanges = await OpenWithRangesOfAsync(1);

        var report = await Store.VerifyProjectionsAsync();
        var ranged = await smallRanges.VerifyProjectionsAsync();
        var cli = await MusterCli.RunAsync("db", "rebuild", "--verify", "--db", Db);

        Assert.True(report.Consistent, string.Join("\n", report.Differences));
        Assert.Equal((4L, 9L, false), (report.Persons, report.Facts, report.Rebuilt));
        Assert.Equal(report, ranged with { Differences = report.Differences });
        Assert.Empty(ranged.Differences);
        Assert.True(cli.ExitCode == 0, cli.All);
        Assert.Contains("consistent", cli.Output);
        Assert.Equal(["p-3"], (await Store.FindByDocumentAsync("761000003", "RUS")).Select(p => p.PersonId));
    }

    [Fact]
    public async Task A_status_the_sweeper_has_not_refreshed_is_late_not_different_and_a_rebuild_brings_it_to_now()
    {
        await SeedForRebuildAsync();
        var before = (await Store.GetStatusAsync("p-1"))!;
        Clock.Reset(before.NextChangeAt!.Value + Duration.FromDays(1));

        var late = await Store.VerifyProjectionsAsync();
        var rebuilt = await Store.RebuildProjectionsAsync();

        Assert.True(late.Consistent, string.Join("\n", late.Differences));
        Assert.True(rebuilt.Consistent && rebuilt.Rebuilt);
        var after = (await Store.GetStatusAsync("p-1"))!;
        Assert.Equal((Clock.GetCurrentInstant(), 2L), (after.EvaluatedAt, after.Version));
        Assert.True(after.InForce.Length > before.InForce.Length, $"{string.Join(',', before.InForce)} -> {string.Join(',', after.InForce)}");
        Assert.True((await Store.VerifyProjectionsAsync()).Consistent);
    }

    [Fact]
    public async Task Tampered_deleted_and_bogus_projection_rows_are_named_then_rebuilt_and_the_log_is_untouched()
    {
        await SeedForRebuildAsync();
        var chainBefore = await Store.VerifyAuditChainAsync();
        await Store.RecordAccessAsync("clerk-4", "p-1", "appearance", TestFacts.Now);
        var p2Before = (await Store.ReadPersonAsync("p-2")).Facts;

        AssertOut(await OutOfBandAsync("""
            UPDATE status SET in_force = '' WHERE person_id = 'p-1';
            UPDATE persons SET family_name = 'Подменов', national_id = '4509999999' WHERE person_id = 'p-2';
            DELETE FROM documents WHERE person_id = 'p-3';
            UPDATE status SET version = 7 WHERE person_id = 'p-3';
            DELETE FROM status WHERE person_id = 'p-4';
            INSERT INTO status (person_id, in_force, next_change_at, evaluated_at, version)
                SELECT 'p-9', in_force, next_change_at, evaluated_at, version FROM status WHERE person_id = 'p-1';
            INSERT INTO persons (person_id, national_id, family_name, given_names, patronymic, birth_date, region)
                SELECT 'p-0', national_id, family_name, given_names, patronymic, birth_date, region FROM persons WHERE person_id = 'p-1';
            INSERT INTO documents (number, issuing_state, person_id, kind) VALUES ('000000001', 'KAZ', 'p-1', 'passport');
            """, bypassTriggers: false));

        await using (var smallRanges = await OpenWithRangesOfAsync(2))
        {
            var report = await smallRanges.VerifyProjectionsAsync();
            Assert.Equal(
                [
                    ("p-0", "persons", "row", "present"),
                    ("p-1", "documents", "passport issued by KAZ", "present"),
                    ("p-1", "status", "in_force", "none"),
                    ("p-2", "persons", "national_id, family_name", "altered"),
                    ("p-3", "documents", "international_passport issued by RUS", "missing"),
                    ("p-3", "status", "version", "7"),
                    ("p-4", "status", "row", "missing"),
                    ("p-9", "status", "row", "present"),
                ],
                report.Differences.Select(d => (d.PersonId, d.Projection, d.What, d.Stored)));
            Assert.Equal(8, report.DifferenceCount);
            Assert.Equal("3", report.Differences.Single(d => d.What == "version").Expected);
        }

        var verify = await MusterCli.RunAsync("db", "rebuild", "--verify", "--db", Db);
        Assert.Equal(3, verify.ExitCode);
        var said = verify.All.ReplaceLineEndings(" ");
        foreach (var named in new[] { "p-0", "p-1", "p-2", "p-3", "p-4", "p-9", "in_force", "national_id, family_name", "8 places" })
        {
            Assert.Contains(named, said);
        }

        foreach (var personal in new[] { "Подменов", "Кузнецов", "Дмитрий", "4509999999", "4501654321", "4501000002", "761112223", "761000003", "000000001", "1998-01-30" })
        {
            Assert.DoesNotContain(personal, said);
        }

        var rebuild = await MusterCli.RunAsync("db", "rebuild", "--db", Db);
        Assert.True(rebuild.ExitCode == 0, rebuild.All);
        Assert.Contains("8 differences above were fixed", rebuild.All.ReplaceLineEndings(" "));
        var again = await MusterCli.RunAsync("db", "rebuild", "--verify", "--db", Db);
        Assert.True(again.ExitCode == 0, again.All);

        Assert.Equal("Кузнецов", Assert.Single(await Store.FindByNationalIdAsync("4501000002")).FamilyName);
        Assert.Empty(await Store.FindByNationalIdAsync("4509999999"));
        Assert.Equal("p-3", Assert.Single(await Store.FindByDocumentAsync("761000003", "RUS")).PersonId);
        Assert.Equal("p-1", Assert.Single(await Store.FindByDocumentAsync("761112223", "RUS")).PersonId);
        Assert.Null(await Store.GetStatusAsync("p-9"));
        Assert.Equal(2L, (await Store.GetStatusAsync("p-4"))!.Version);
        var chainAfter = await Store.VerifyAuditChainAsync();
        Assert.True(chainAfter.Intact, chainAfter.Problem);
        Assert.Equal((chainBefore.FactRows, chainBefore.FactTipHash, 1L), (chainAfter.FactRows, chainAfter.FactTipHash, chainAfter.AccessRows));
        Assert.Equal(p2Before, (await Store.ReadPersonAsync("p-2")).Facts);
    }

    [Fact]
    public async Task A_rebuild_stopped_halfway_leaves_the_projections_as_they_were()
    {
        await SeedForRebuildAsync();
        AssertOut(await OutOfBandAsync("UPDATE status SET version = 7 WHERE person_id = 'p-4'", bypassTriggers: false));
        await using var smallRanges = await OpenWithRangesOfAsync(1);
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            smallRanges.RebuildProjectionsAsync(new Stopper(stop), stop.Token));

        var report = await Store.VerifyProjectionsAsync();
        Assert.Equal(("p-4", "version", "7"), Assert.Single(report.Differences) is var d ? (d.PersonId, d.What, d.Stored) : default);
        Assert.Equal(3, (await Store.AppendAsync("p-1", 2, [TestFacts.Opened("p-1", "s-1", "f-3")])) is AppendResult.Appended a ? a.Version : -1);
    }

    /// <summary>Cancels after the first range is written: the rebuild has replaced some rows, not yet committed them.</summary>
    private sealed class Stopper(CancellationTokenSource source) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => source.Cancel();
    }
}
