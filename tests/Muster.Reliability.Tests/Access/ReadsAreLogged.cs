using System.Text.Json;
using Microsoft.Data.Sqlite;
using Muster.Cli.Server.Auth;
using Muster.Storage;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Access;

/// <summary>
/// Every read of a person's data by an official — through each API endpoint that shows it, a border
/// check, and the console's search and card — is in that person's access log with who (the key or the
/// user) and why (the endpoint); the person's own reads are not. And the server's log, after all of it and
/// some refusals, holds none of the person's data: no name, national id, document number or birth date.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class ReadsAreLogged(SqliteApiServer api, ITestOutputHelper output)
{
    private const string Password = "reads-password-1";

    [Fact]
    public async Task Every_officials_read_is_in_the_access_log_and_no_personal_data_is_in_the_server_log()
    {
        var (summonsId, _) = await api.PlaceSummonsAsync();
        await PortalSession.CreateUserAsync(api.Db, "log-clerk", Password, "--role", "clerk", "--office", "KGD-01");
        await PortalSession.CreateUserAsync(api.Db, "log-border", Password, "--role", "border");
        var clerk = (await PortalSession.SignInAsync(api.Server.Address, "log-clerk", Password)).Session!;
        var border = (await PortalSession.SignInAsync(api.Server.Address, "log-border", Password)).Session!;
        var before = (await AccessLogAsync()).Count;
        var p = ApiServer.Own;

        // (who, what they did, the purpose the log must give)
        var reads = new List<(string Actor, string Purpose)>();
        async Task ApiReadAsync(string caller, HttpMethod method, string path, string purpose, object? body = null)
        {
            var answer = await Client.SendAsync(api.Server.Address, method, path, api.Key(caller), body);
            Assert.True(answer.IsSuccess, $"{caller} {path}: {answer}");
            reads.Add((await ActorAsync(caller), purpose.Replace("{reference}", answer.IsSuccess && method == HttpMethod.Post ? JsonDocument.Parse(answer.Body).RootElement.GetProperty("reference").GetString() : "", StringComparison.Ordinal)));
        }

        await ApiReadAsync("admin", HttpMethod.Get, $"/api/persons/{p}", "GET /api/persons/{id}");
        await ApiReadAsync("clerk", HttpMethod.Get, $"/api/persons/{p}/status", "GET /api/persons/{id}/status");
        await ApiReadAsync("agency", HttpMethod.Get, $"/api/persons/{p}/status", "GET /api/persons/{id}/status");
        await ApiReadAsync("auditor", HttpMethod.Get, $"/api/persons/{p}/timeline", "GET /api/persons/{id}/timeline");
        await ApiReadAsync("auditor", HttpMethod.Get, $"/api/persons/{p}/access-log", "GET /api/persons/{id}/access-log");
        await ApiReadAsync("clerk", HttpMethod.Get, $"/api/summonses/{summonsId}", "GET /api/summonses/{id}");
        await ApiReadAsync("admin", HttpMethod.Get, "/api/persons?nationalId=3901000001", "GET /api/persons?nationalId");
        await ApiReadAsync("agency", HttpMethod.Get, "/api/persons?document=750000001&issuingState=RUS", "GET /api/persons?document");
        await ApiReadAsync("border", HttpMethod.Post, "/api/border/checks", "POST /api/border/checks {reference}: deny",
            new { documentNumber = "750000001", issuingState = "RUS", birthDate = "1997-04-12" });
        Assert.True((await clerk.GetAsync("/console?q=3901000001")).Answer.IsSuccessStatusCode);
        reads.Add(("user:log-clerk", "portal: console search"));
        Assert.True((await clerk.GetAsync($"/console/persons/{p}")).Answer.IsSuccessStatusCode);
        reads.Add(("user:log-clerk", "portal: console card"));
        var (_, checkedPage) = await border.PostFormAsync("/border", new() { ["documentNumber"] = "750000001", ["issuingState"] = "RUS", ["birthDate"] = "1997-04-12" });
        var reference = System.Text.RegularExpressions.Regex.Match(checkedPage, "BC-[0-9A-Z]+").Value;
        reads.Add(("user:log-border", $"POST /api/border/checks {reference}: deny"));

        // The person's own reads are not logged.
        foreach (var own in new[] { $"/api/persons/{p}", $"/api/persons/{p}/status", "/api/me/status", $"/api/summonses/{summonsId}" })
        {
            Assert.True((await Client.GetAsync(api.Server.Address, own, api.Key("citizen"))).IsSuccess);
        }

        // Some refusals and a sign-in typed with a national id, for the server log.
        await Client.PostAsync(api.Server.Address, "/api/persons", api.Key("admin"), ApiServer.Person("p-dup", "3901000001", "750000009"));
        await Client.PostAsync(api.Server.Address, "/api/border/checks", api.Key("border"), new { mrz = "P<RUSSMIRNOV<<ALEKSEI<<<\n7500000011RUS9704124M3001015<<<<<<<<<<<<<<0x" });
        await PortalSession.SignInAsync(api.Server.Address, "3901000001", "Смирнов Алексей 1997-04-12");

        // The node moves its access journal into the log once a second (ServerOptions.AccessJournalMoveMilliseconds);
        // the database is read here directly, so give the last reads a few moves to arrive.
        List<AccessRecord> logged;
        List<(string Actor, string Purpose)> missing;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            logged = [.. (await AccessLogAsync()).Skip(before)];
            missing = [.. reads.Where(r => !logged.Any(a => a.Official == r.Actor && a.Purpose == r.Purpose))];
            if (missing.Count == 0 || DateTime.UtcNow >= deadline)
            {
                break;
            }

            await Task.Delay(200);
        }
        var citizenActor = await ActorAsync("citizen");
        var personal = new[] { "3901000001", "750000001", "Смирнов", "Алексей", "Иванович", "SMIRNOV", "1997-04-12" }.Where(d => api.Server.Output.Contains(d, StringComparison.Ordinal)).ToList();
        Figures.Report(output, "access-reads-logged",
            $"{reads.Count} officials' reads (API: 9 endpoints and roles; portal: console search, console card, border check): {reads.Count - missing.Count} in the person's access log, " +
            $"{missing.Count} missing; the person's own 4 reads logged: {logged.Count(a => a.Official == citizenActor)}; " +
            $"server log ({api.Server.Output.Split('\n').Length} lines) searched for the person's name, national id, document and birth date: {personal.Count} found");
        Assert.True(missing.Count == 0, "not in the access log: " + string.Join("; ", missing) + "\nlogged: " + string.Join("; ", logged.Select(a => $"{a.Official} {a.Purpose}")));
        Assert.DoesNotContain(logged, a => a.Official == citizenActor);
        Assert.True(personal.Count == 0, $"personal data in the server log: {string.Join(", ", personal)}");
    }

    private async Task<IReadOnlyList<AccessRecord>> AccessLogAsync()
    {
        await using var store = await Reconciliation.OpenAsync(api.Db);
        return await store.ReadAccessLogAsync(ApiServer.Own);
    }

    /// <summary>"key:k-…" of a caller's key, found by its hash the way the server finds it.</summary>
    private async Task<string> ActorAsync(string caller)
    {
        await using var db = new SqliteConnection($"Data Source={api.Db["sqlite:".Length..]};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT key_id FROM api_keys WHERE hash = $hash";
        command.Parameters.AddWithValue("$hash", ApiKeys.Hash(api.Key(caller)));
        return "key:" + (string)(await command.ExecuteScalarAsync())!;
    }
}
