using Muster.Core.Evaluation;
using Muster.Storage.Bench;

namespace Muster.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Import_stores_good_lines_reports_bad_ones_by_number_and_a_rerun_stores_nothing_twice()
    {
        var lines = TestFacts.Lines(
            TestFacts.Line(TestFacts.Registered("p-1", "f-1")),
            "{\"type\":\"summons.placed\",\"id\":\"f-x\"",
            "",
            TestFacts.Line(TestFacts.Placed("p-1", "s-1", "f-2")),
            TestFacts.Line(TestFacts.Opened("p-1", "s-404", "f-3")),
            TestFacts.Line(TestFacts.Placed("p-9", "s-9", "f-9")),
            TestFacts.Line(TestFacts.Registered("p-1", "f-1", familyName: "Иванов")),
            TestFacts.Line(TestFacts.Opened("p-1", "s-1", "f-4")));

        var first = await Store.ImportAsync(lines);
        var again = await Store.ImportAsync(lines);

        Assert.Equal((7L, 3L, 0L), (first.Read, first.Stored, first.AlreadyPresent));
        Assert.Equal([2L, 5L, 6L, 7L], first.Rejected.Select(r => r.LineNumber));
        Assert.Contains("not valid JSON", first.Rejected[0].Reason);
        Assert.Contains("summons 's-404' was not placed", first.Rejected[1].Reason);
        Assert.Contains("first fact must be person.registered", first.Rejected[2].Reason);
        Assert.Contains("different content", first.Rejected[3].Reason);
        Assert.Equal((7L, 0L, 3L, 4), (again.Read, again.Stored, again.AlreadyPresent, again.Rejected.Count));
        Assert.Equal(["f-1", "f-2", "f-4"], (await Store.ReadPersonAsync("p-1")).Facts.Select(f => f.Id));
        Assert.Empty((await Store.ReadPersonAsync("p-9")).Facts);
        Assert.True((await Store.VerifyAuditChainAsync()).Intact);
    }

    [Fact]
    public async Task Import_of_one_id_for_two_persons_in_one_file_rejects_the_second_line_and_stores_the_rest()
    {
        // Found by the reliability suite's damaged fact files: the insert failed on the unique id and the import gave up (503).
        var lines = TestFacts.Lines(
            TestFacts.Line(TestFacts.Registered("p-1", "f-1")),
            TestFacts.Line(TestFacts.Registered("p-2", "f-1", nationalId: "4501000002", document: "761000002")),
            TestFacts.Line(TestFacts.Registered("p-2", "f-2", nationalId: "4501000002", document: "761000002")));

        var summary = await Store.ImportAsync(lines);

        Assert.Equal((3L, 2L, 0L), (summary.Read, summary.Stored, summary.AlreadyPresent));
        Assert.Equal([2L], summary.Rejected.Select(r => r.LineNumber));
        Assert.Contains("'f-1' is already used for person 'p-1'", summary.Rejected[0].Reason);
        Assert.Equal(["f-2"], (await Store.ReadPersonAsync("p-2")).Facts.Select(f => f.Id));
        Assert.True((await Store.VerifyAuditChainAsync()).Intact);
    }

    [Fact]
    public async Task Import_keeps_the_lines_recorded_at_and_builds_the_projections_per_person()
    {
        const int persons = 1_200;
        var facts = SyntheticRegister.Facts(persons, block: 500).ToList();
        var lines = TestFacts.Lines([.. facts.Select(TestFacts.Line)]);
        await using var store = await StoreFactory.OpenAsync(Db, new StoreOptions(Clock, TestFacts.Policies) { ImportBatchSize = 700 });
        var progress = new List<ImportProgress>();

        var summary = await store.ImportAsync(lines, new SyncProgress(progress.Add));

        Assert.Equal((4_800L, 4_800L, 0), (summary.Read, summary.Stored, summary.Rejected.Count));
        Assert.Equal(7, progress.Count);
        Assert.Equal(4_800L, progress[^1].Stored);
        foreach (var i in new[] { 0, 1, 2, 3, 777, 1_199 })
        {
            var personId = SyntheticRegister.PersonId(i);
            var stream = await Store.ReadPersonAsync(personId);
            Assert.Equal(facts.Where(f => f.PersonId == personId), stream.Facts);
            var expected = Evaluator.Evaluate(stream.Facts, TestFacts.Policies, TestFacts.Now, TestFacts.Now);
            var status = await Store.GetStatusAsync(personId);
            Assert.Equal(expected.InForce.Select(r => r.Code).Distinct().Order(StringComparer.Ordinal), status!.InForce);
            Assert.Equal((expected.NextChangeAt, 4L), (status.NextChangeAt, status.Version));
            Assert.Equal(personId, Assert.Single(await Store.FindByDocumentAsync(SyntheticRegister.DocumentNumber(i), "RUS")).PersonId);
            Assert.Equal(personId, Assert.Single(await Store.FindByNationalIdAsync(SyntheticRegister.NationalId(i))).PersonId);
        }

        Assert.Equal(4_800L, (await Store.VerifyAuditChainAsync()).FactRows);

        // Every person's rows, whether written for the first time (PostgreSQL copies those) or replaced in a later batch.
        var projections = await Store.VerifyProjectionsAsync();
        Assert.True(projections.Consistent, string.Join("; ", projections.Differences.Take(5)));
        Assert.Equal(persons, projections.Persons);
    }

    [Fact]
    public async Task Import_of_new_persons_in_one_batch_builds_their_rows_as_appends_would()
    {
        // One batch, every person new: the rows PostgreSQL copies in rather than upserts are the final ones here.
        const int persons = 300;
        var facts = SyntheticRegister.Facts(persons).ToList();
        var summary = await Store.ImportAsync(TestFacts.Lines([.. facts.Select(TestFacts.Line)]));
        Assert.Equal(persons * 4L, summary.Stored);

        var projections = await Store.VerifyProjectionsAsync();
        Assert.True(projections.Consistent, string.Join("; ", projections.Differences.Take(5)));
        Assert.Equal(persons, projections.Persons);
        foreach (var i in new[] { 0, 1, 2, 3, 299 })
        {
            var personId = SyntheticRegister.PersonId(i);
            var expected = Evaluator.Evaluate(facts.Where(f => f.PersonId == personId).ToList(), TestFacts.Policies, TestFacts.Now, TestFacts.Now);
            var status = await Store.GetStatusAsync(personId);
            Assert.Equal(expected.InForce.Select(r => r.Code).Distinct().Order(StringComparer.Ordinal), status!.InForce);
            Assert.Equal((expected.NextChangeAt, 4L), (status.NextChangeAt, status.Version));
            Assert.Equal(personId, Assert.Single(await Store.FindByDocumentAsync(SyntheticRegister.DocumentNumber(i), "RUS")).PersonId);
        }
    }

    [Fact]
    public async Task Import_after_appends_continues_the_chain_and_the_versions()
    {
        await Store.AppendAsync(SyntheticRegister.PersonId(0), 0, [SyntheticRegister.Fact(0, 0)]);
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1")]);

        var summary = await Store.ImportAsync(TestFacts.Lines([.. SyntheticRegister.Facts(10).Select(TestFacts.Line)]));

        Assert.Equal((40L, 39L, 1L), (summary.Read, summary.Stored, summary.AlreadyPresent));
        Assert.Equal(4, (await Store.ReadPersonAsync(SyntheticRegister.PersonId(0))).Version);
        Assert.Equal(4L, (await Store.GetStatusAsync(SyntheticRegister.PersonId(0)))!.Version);
        var report = await Store.VerifyAuditChainAsync();
        Assert.True(report.Intact, report.Problem);
        Assert.Equal(41L, report.FactRows);
    }

    [Fact]
    public async Task A_killed_import_rerun_stores_every_fact_exactly_once_with_the_chain_intact()
    {
        const int persons = 20_000;
        var file = Path.Combine(Path.GetTempPath(), $"muster-crash-{Guid.NewGuid():N}.jsonl");
        SyntheticRegister.WriteJsonl(file, persons);
        try
        {
            using (var import = MusterCli.Start("import", "--db", Db, "--batch-size", "2000", file))
            {
                var deadline = DateTime.UtcNow.AddMinutes(2);
                var killed = false;
                while (!killed && !import.HasExited && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(10);
                    if (await ScalarAsync("SELECT seq FROM chain_tip WHERE chain = 'facts'") >= 10_000)
                    {
                        import.Kill(); // SIGKILL: no cleanup, no finally
                        killed = true;
                    }
                }

                await import.WaitForExitAsync();
                Assert.True(killed, $"the import ended ({import.ExitCode}) before it could be killed: {await import.StandardError.ReadToEndAsync()}");
                Assert.Equal(137, import.ExitCode);
            }

            var stored = await ScalarAsync("SELECT count(*) FROM facts");
            Assert.InRange(stored, 10_000, (persons * 4) - 1);
            Assert.True((await Store.VerifyAuditChainAsync()).Intact);

            var rerun = await MusterCli.RunAsync("import", "--db", Db, "--batch-size", "20000", file);
            Assert.True(rerun.ExitCode == 0, rerun.All);

            Assert.Equal(persons * 4L, await ScalarAsync("SELECT count(*) FROM facts"));
            Assert.Equal(persons * 4L, await ScalarAsync("SELECT count(DISTINCT fact_id) FROM facts"));
            Assert.Equal(persons * 4L, await ScalarAsync("SELECT max(seq) FROM facts"));
            Assert.Equal(persons, await ScalarAsync("SELECT count(*) FROM status WHERE version = 4"));
            Assert.Equal(persons, await ScalarAsync("SELECT count(*) FROM persons"));
            var report = await Store.VerifyAuditChainAsync();
            Assert.True(report.Intact, report.Problem);
            Assert.Equal(persons * 4L, report.FactRows);
            var projections = await MusterCli.RunAsync("db", "rebuild", "--verify", "--db", Db);
            Assert.True(projections.ExitCode == 0, projections.All);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
