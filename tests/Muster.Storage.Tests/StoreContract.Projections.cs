using Muster.Core.Evaluation;
using NodaTime;

namespace Muster.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Persons_are_found_by_national_id_and_by_document_and_a_new_registration_replaces_the_documents()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1", nationalId: "4501000001", document: "761000001")]);
        await Store.AppendAsync("p-2", 0, [TestFacts.Registered("p-2", "f-2", nationalId: "4501000002", document: "761000002")]);

        var byId = Assert.Single(await Store.FindByNationalIdAsync("4501000001"));
        Assert.Equal(("p-1", "Кузнецов", "RU-MOW", new LocalDate(1998, 1, 30), 1L), (byId.PersonId, byId.FamilyName, byId.Region, byId.BirthDate, byId.Version));
        Assert.Equal("p-2", Assert.Single(await Store.FindByDocumentAsync("761000002", "RUS")).PersonId);
        Assert.Empty(await Store.FindByDocumentAsync("761000002", "KAZ"));
        Assert.Empty(await Store.FindByNationalIdAsync("0000000000"));

        var renewed = TestFacts.Registered("p-1", "f-3", nationalId: "4501000001", document: "761999999", familyName: "Иванов", at: TestFacts.Now);
        await Store.AppendAsync("p-1", 1, [renewed]);

        Assert.Empty(await Store.FindByDocumentAsync("761000001", "RUS"));
        var found = Assert.Single(await Store.FindByDocumentAsync("761999999", "RUS"));
        Assert.Equal(("p-1", "Иванов", 2L), (found.PersonId, found.FamilyName, found.Version));
    }

    [Fact]
    public async Task The_status_projection_is_the_evaluators_answer_and_the_sweeper_finds_whom_to_reevaluate()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1")]);
        await Store.AppendAsync("p-2", 0, [TestFacts.Registered("p-2", "f-21")]);
        await Store.AppendAsync("p-1", 1, [TestFacts.Placed("p-1", "s-1", "f-2")]);

        var facts = (await Store.ReadPersonAsync("p-1")).Facts;
        var expected = Evaluator.Evaluate(facts, TestFacts.Policies, TestFacts.Now, TestFacts.Now);
        var status = await Store.GetStatusAsync("p-1");

        Assert.NotNull(status);
        Assert.Contains("travel.exit", status.InForce);
        Assert.Equal(expected.InForce.Select(r => r.Code).Distinct().Order(StringComparer.Ordinal), status.InForce);
        Assert.Equal(expected.NextChangeAt, status.NextChangeAt);
        Assert.NotNull(status.NextChangeAt);
        Assert.Equal((TestFacts.Now, 2L), (status.EvaluatedAt, status.Version));
        Assert.Empty((await Store.GetStatusAsync("p-2"))!.InForce);
        var byDocument = await Store.GetStatusByDocumentAsync("761112223", "RUS");
        Assert.Equal(["p-1", "p-2"], byDocument.Select(s => s.PersonId));
        Assert.Equal(status.InForce.ToArray(), byDocument[0].InForce.ToArray());
        Assert.Equal(status.NextChangeAt, byDocument[0].NextChangeAt);
        Assert.Empty(await Store.GetStatusByDocumentAsync("761112223", "KAZ"));
        Assert.Null(await Store.GetStatusAsync("nobody"));

        var next = status.NextChangeAt!.Value;
        Assert.Empty(await Store.DueForReevaluationAsync(next, 10));
        Assert.Equal(["p-1"], (await Store.DueForReevaluationAsync(next + Duration.FromSeconds(1), 10)).Select(s => s.PersonId));

        Clock.Reset(next + Duration.FromMinutes(1));
        Assert.Equal(1, await Store.RefreshStatusAsync(["p-1"]));
        var later = await Store.GetStatusAsync("p-1");
        Assert.Equal(7, later!.InForce.Length);
        Assert.Empty(await Store.DueForReevaluationAsync(next + Duration.FromSeconds(1), 10));

        await Store.AppendAsync("p-1", 2, [TestFacts.Appeared("p-1", "f-3", Clock.GetCurrentInstant())]);
        Assert.Empty((await Store.GetStatusAsync("p-1"))!.InForce);
    }

    [Fact]
    public async Task Every_read_by_an_official_is_recorded_who_whom_when_why()
    {
        await Store.AppendAsync("p-1", 0, [TestFacts.Registered("p-1", "f-1")]);
        await Store.RecordAccessAsync("border-officer-17", "p-1", "border check SVO-T2", TestFacts.Now);
        await Store.RecordAccessAsync("clerk-4", "p-2", "summons preparation", TestFacts.Now + Duration.FromMinutes(1));
        await Store.RecordAccessAsync("clerk-4", "p-1", "appearance", TestFacts.Now + Duration.FromMinutes(2));

        var log = await Store.ReadAccessLogAsync("p-1");

        Assert.Equal(
            [new AccessRecord(1, "border-officer-17", "p-1", "border check SVO-T2", TestFacts.Now), new AccessRecord(3, "clerk-4", "p-1", "appearance", TestFacts.Now + Duration.FromMinutes(2))],
            log);
        var report = await Store.VerifyAuditChainAsync();
        Assert.True(report.Intact, report.Problem);
        Assert.Equal((1L, 3L), (report.FactRows, report.AccessRows));
    }
}
