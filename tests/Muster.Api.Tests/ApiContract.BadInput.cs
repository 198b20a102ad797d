using System.Net.Http.Headers;
using System.Text;
using Muster.Api.Tests.Support;

namespace Muster.Api.Tests;

public abstract partial class ApiContract
{
    [Fact]
    public async Task Malformed_json_is_400_naming_the_body_and_a_wrong_type_or_unknown_field_names_the_field()
    {
        var (person, _) = await NewPersonAsync();
        var version = await Api.VersionAsync(person);

        var truncated = await Api.PostAsync("clerk", "/api/summonses", $$"""{"personId":"{{person}}","appearanceAt":"2026-03-05T15:00" """);
        AssertProblem(truncated, 400, "body");
        var wrongType = await Api.PostAsync("clerk", "/api/summonses", $$"""{"personId":"{{person}}","appearanceAt":5}""");
        AssertProblem(wrongType, 400, "appearanceAt");
        var unknown = await Api.PostAsync("clerk", "/api/summonses", $$"""{"personId":"{{person}}","appearanceAt":"2026-03-05T15:00","placedAt":"2026-01-01T00:00:00Z"}""");
        AssertProblem(unknown, 400, "placedAt");
        var missing = await Api.PostAsync("clerk", "/api/summonses", new { personId = person });
        AssertProblem(missing, 400, "appearanceAt");
        var badTime = await Api.PostAsync("clerk", "/api/summonses", new { personId = person, appearanceAt = "5 March, 3 pm" });
        AssertProblem(badTime, 400, "appearanceAt");
        var badDocument = await Api.PostAsync("clerk", "/api/persons", new { nationalId = "1", familyName = "A", givenNames = "B", birthDate = "2000-01-01", region = "RU-KGD", documents = new[] { new { kind = "passport", number = "1", issuingState = "russia" } } });
        AssertProblem(badDocument, 400, "documents[0].issuingState");
        var empty = await Api.PostAsync("clerk", "/api/summonses", "");
        AssertProblem(empty, 400, "body");
        var deep = await Api.PostAsync("clerk", "/api/summonses", new string('[', 100) + new string(']', 100));
        AssertProblem(deep, 400, "body");
        var notJson = await Api.PostAsync("clerk", "/api/summonses", new StringContent("personId=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        AssertProblem(notJson, 415, "Content-Type");
        var badInstant = await Api.GetAsync("clerk", $"/api/persons/{person}/status?at=yesterday");
        AssertProblem(badInstant, 400, "at");
        var finerThanStored = await Api.GetAsync("clerk", $"/api/persons/{person}/status?at=2026-03-02T06:00:00.123456789Z");
        AssertProblem(finerThanStored, 400, "at");
        Assert.Contains("microsecond", finerThanStored.Body, StringComparison.Ordinal);
        Assert.Equal(version, await Api.VersionAsync(person));
    }

    [Fact]
    public async Task An_unknown_person_summons_or_fact_is_404_naming_it()
    {
        AssertProblem(await Api.GetAsync("admin", "/api/persons/p-nobody"), 404, "personId");
        AssertProblem(await Api.GetAsync("admin", "/api/persons/p-nobody/status"), 404, "personId");
        AssertProblem(await Api.PostAsync("clerk", "/api/summonses", new { personId = "p-nobody", appearanceAt = "2026-03-05T15:00" }), 404, "personId");
        AssertProblem(await Api.GetAsync("admin", "/api/summonses/s-nothing"), 404, "summonsId");
        AssertProblem(await Api.PostAsync("clerk", "/api/summonses/s-nothing/cancel", new { reason = "x" }), 404, "summonsId");
        AssertProblem(await Api.PostAsync("clerk", "/api/facts/f-nothing/retract", new { reason = "x" }), 404, "factId");
        Assert.Equal(0, await Api.VersionAsync("p-nobody"));
    }

    [Fact]
    public async Task Facts_that_contradict_the_record_are_409_and_change_nothing()
    {
        var (person, _) = await NewPersonAsync();
        var (summonsId, _) = await Api.PlaceSummonsAsync(person);
        Assert.Equal(200, (await Api.PostAsync("clerk", $"/api/summonses/{summonsId}/cancel", new { reason = "issued in error" })).Code);
        var version = await Api.VersionAsync(person);

        // Opening, handing over or cancelling a cancelled summons.
        var opened = await Api.PostAsync("citizen", $"/api/summonses/{(await Api.PlaceSummonsAsync()).SummonsId}/open");
        Assert.Equal(200, opened.Code);
        AssertProblem(await Api.PostAsync("clerk", $"/api/summonses/{summonsId}/handed", new { }), 409, "summonsId");
        AssertProblem(await Api.PostAsync("clerk", $"/api/summonses/{summonsId}/cancel", new { reason = "again" }), 409, "summonsId");

        // An appearance at an office of another region: the person must be told where to go.
        var elsewhere = await Api.PostAsync("clerk-other", "/api/appearances", new { personId = person });
        AssertProblem(elsewhere, 409, "office");
        Assert.Contains("RU-KGD", elsewhere.Text("detail"), StringComparison.Ordinal);

        // A national id that is already registered.
        AssertProblem(await Api.PostAsync("admin", "/api/persons", ApiServer.Person(NewId("p"), "3901000001", NewDigits(9))), 409, "nationalId");

        Assert.Equal(version, await Api.VersionAsync(person));

        // Handed over before it was placed; a retraction of a retracted fact.
        var (fresh, placedFact) = await Api.PlaceSummonsAsync(person);
        AssertProblem(await Api.PostAsync("clerk", $"/api/summonses/{fresh}/handed", new { at = "2026-01-01T00:00:00Z" }), 409, "at");
        Assert.Equal(201, (await Api.PostAsync("clerk", $"/api/facts/{placedFact}/retract", new { reason = "wrong person" })).Code);
        version = await Api.VersionAsync(person);
        AssertProblem(await Api.PostAsync("clerk", $"/api/facts/{placedFact}/retract", new { reason = "again" }), 409, "factId");
        Assert.Equal(version, await Api.VersionAsync(person));
    }

    [Fact]
    public async Task Opening_a_cancelled_summons_is_409()
    {
        var (summonsId, _) = await Api.PlaceSummonsAsync();
        Assert.Equal(200, (await Api.PostAsync("admin", $"/api/summonses/{summonsId}/cancel", new { reason = "issued in error" })).Code);
        var version = await Api.VersionAsync(ApiServer.Own);
        var reply = await Api.PostAsync("citizen", $"/api/summonses/{summonsId}/open");
        AssertProblem(reply, 409, "summonsId");
        Assert.Contains("cancelled", reply.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(version, await Api.VersionAsync(ApiServer.Own));
    }

    [Fact]
    public async Task A_summons_the_policy_forbids_is_422_naming_appearanceAt_and_citing_the_law()
    {
        var (person, _) = await NewPersonAsync();
        var version = await Api.VersionAsync(person);
        var tooLate = await Api.PostAsync("clerk", "/api/summonses", new { personId = person, appearanceAt = "2026-06-05T15:00" });
        AssertProblem(tooLate, 422, "appearanceAt");
        Assert.Equal("412-FZ of 04.11.2025", tooLate.Text("legalBasis"));
        var past = await Api.PostAsync("clerk", "/api/summonses", new { personId = person, appearanceAt = "2026-03-01T15:00" });
        AssertProblem(past, 422, "appearanceAt");
        Assert.Equal(version, await Api.VersionAsync(person));
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_the_current_one_succeeds()
    {
        var (person, _) = await NewPersonAsync();
        var read = await Api.GetAsync("clerk", $"/api/persons/{person}");
        var etag = read.Message.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);
        var first = await Api.PostAsync("clerk", "/api/summonses", new { personId = person, appearanceAt = "2026-03-05T15:00" }, r => r.Headers.IfMatch.Add(new EntityTagHeaderValue(etag)));
        Assert.Equal(201, first.Code);
        var stale = await Api.PostAsync("clerk", "/api/deferments", new { personId = person, from = "2026-03-02", until = "2026-04-01", basis = "illness" }, r => r.Headers.IfMatch.Add(new EntityTagHeaderValue(etag)));
        AssertProblem(stale, 412, "If-Match");
        Assert.Equal(2, stale.Json.GetProperty("currentVersion").GetInt64());
        Assert.Equal(2, await Api.VersionAsync(person));
        AssertProblem(await Api.PostAsync("clerk", "/api/deferments", new { personId = person, from = "2026-03-02", until = "2026-04-01", basis = "illness" }, r => r.Headers.TryAddWithoutValidation("If-Match", "latest")), 400, "If-Match");
    }

    [Fact]
    public async Task A_border_check_with_a_bad_body_is_a_problem_naming_the_field_and_logs_no_read()
    {
        const string Path = "/api/border/checks";
        var (person, document) = await NewPersonAsync();
        AssertProblem(await Api.PostAsync("border", Path, $$"""{"documentNumber":"{{document}}","issuingState":"RUS" """), 400, "body");
        AssertProblem(await Api.PostAsync("border", Path, """{"documentNumber":750000001,"issuingState":"RUS","birthDate":"1997-04-12"}"""), 400, "documentNumber");
        AssertProblem(await Api.PostAsync("border", Path, $$"""{"documentNumber":"{{document}}","issuingState":"RUS","birthDate":"1997-04-12","name":"X"}"""), 400, "name");
        AssertProblem(await Api.PostAsync("border", Path, $$"""{"documentNumber":"{{document}}","issuingState":"RUS","birthDate":"1997-04-12"} {}"""), 400, "body");
        AssertProblem(await Api.PostAsync("border", Path, ""), 400, "body");
        AssertProblem(await Api.PostAsync("border", Path, "null"), 400, "body");
        AssertProblem(await Api.PostAsync("border", Path, new string('[', 100) + new string(']', 100)), 400, "body");
        AssertProblem(await Api.PostAsync("border", Path, new StringContent("documentNumber=" + document, Encoding.UTF8, "application/x-www-form-urlencoded")), 415, "Content-Type");
        AssertProblem(await Api.PostAsync("border", Path, new { documentNumber = document, issuingState = "RUS" }), 400, "birthDate");
        AssertProblem(await Api.PostAsync("border", Path, new { documentNumber = document, issuingState = "RUS", birthDate = "12.04.1997" }), 400, "birthDate");
        AssertProblem(await Api.PostAsync("border", Path, new { mrz = "P<RUSIVANOV<<IVAN", documentNumber = document }), 400, "mrz");
        var huge = $$"""{"mrz":"{{new string('<', 1100 * 1024)}}"}""";
        AssertProblem(await Api.PostAsync("border", Path, huge, r => r.Headers.ExpectContinue = true), 413, "body");

        // The same document, well asked, is answered: none of the above reached the check.
        var check = await Api.PostAsync("border", Path, new { documentNumber = document, issuingState = "RUS", birthDate = "1997-04-12" });
        Assert.True(check.Code == 200, check.ToString());
        var log = await Api.GetAsync("auditor", $"/api/persons/{person}/access-log");
        Assert.Single(log.Json.EnumerateArray(), a => a.GetProperty("purpose").GetString()!.StartsWith("POST /api/border/checks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_writes_nothing()
    {
        var (person, _) = await NewPersonAsync();
        var version = await Api.VersionAsync(person);
        var huge = $$"""{"personId":"{{person}}","appearanceAt":"2026-03-05T15:00","purpose":"{{new string('x', 1100 * 1024)}}"}""";
        AssertProblem(await Api.PostAsync("clerk", "/api/summonses", huge, r => r.Headers.ExpectContinue = true), 413, "body");
        Assert.Equal(version, await Api.VersionAsync(person));
    }

    [Fact]
    public async Task Too_many_requests_per_key_is_429_for_that_key_only()
    {
        await using var limited = await MusterServer.StartAsync(Api.Db, Api.ClockFile, new Dictionary<string, string> { ["RequestsPerSecond"] = "1", ["Burst"] = "3" });
        using var http = new HttpClient { BaseAddress = limited.Address };

        // 20 at once against bursts of 3 and 1 more per second: at most 3 + (elapsed seconds + 1) pass,
        // however slow a shared machine is, and the rest are refused.
        var started = DateTime.UtcNow;
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Api.SendAsync("auditor", HttpMethod.Get, $"/api/persons/{ApiServer.Own}", http: http)));
        var elapsed = (DateTime.UtcNow - started).TotalSeconds;
        var passed = replies.Count(r => r.Code == 200);
        Assert.InRange(passed, 1, 3 + (int)Math.Ceiling(elapsed) + 1);
        Assert.All(replies.Where(r => r.Code != 200), r => AssertProblem(r, 429, "Authorization"));
        Assert.NotNull(replies.First(r => r.Code == 429).Message.Headers.RetryAfter);
        Assert.Equal(200, (await Api.SendAsync("admin", HttpMethod.Get, $"/api/persons/{ApiServer.Own}", http: http)).Code);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_bad_or_revoked_key_is_401()
    {
        AssertProblem(await Api.GetAsync("anonymous", $"/api/persons/{ApiServer.Own}"), 401, "Authorization");
        var wrong = await Api.SendAsync("anonymous", HttpMethod.Get, $"/api/persons/{ApiServer.Own}", configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "mk_not-a-key"));
        AssertProblem(wrong, 401, "Authorization");
        Assert.Equal("Bearer", wrong.Message.Headers.WwwAuthenticate.ToString());

        var (id, key) = await MusterCommand.CreateKeyWithIdAsync(Api.Db, "--role", "auditor", "--name", "to be revoked");
        Assert.Contains(id, await MusterCommand.RunAsync("keys", "list", "--db", Api.Db), StringComparison.Ordinal);
        var before = await Api.SendAsync("anonymous", HttpMethod.Get, $"/api/persons/{ApiServer.Own}", configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key));
        Assert.Equal(200, before.Code);
        await MusterCommand.RunAsync("keys", "revoke", "--db", Api.Db, "--id", id);
        var after = await Api.SendAsync("anonymous", HttpMethod.Get, $"/api/persons/{ApiServer.Own}", configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key));
        AssertProblem(after, 401, "Authorization");
    }

    [Fact]
    public async Task The_openapi_document_and_the_reference_page_list_every_endpoint()
    {
        var openapi = await Api.GetAsync(null, "/openapi/v1.json");
        Assert.Equal(200, openapi.Code);
        var paths = openapi.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        var docs = await Api.GetAsync(null, "/docs");
        foreach (var path in new[] { "/api/persons", "/api/persons/{personId}/status", "/api/summonses/{summonsId}/open", "/api/border/checks", "/api/border/snapshot", "/api/import", "/api/me/notifications" })
        {
            Assert.Contains(path, paths);
            Assert.Contains(path, docs.Body, StringComparison.Ordinal);
        }
    }

    private static void AssertProblem(Reply reply, int status, string field)
    {
        Assert.True(reply.Code == status, $"expected {status}, got {reply}");
        Assert.True(reply.IsProblem, $"not application/problem+json: {reply}");
        Assert.Equal(field, reply.Field);
        Assert.Equal(status, reply.Json.GetProperty("status").GetInt32());
    }
}
