using Muster.Api.Tests.Support;

namespace Muster.Api.Tests;

public abstract partial class ApiContract
{
    /// <summary>
    /// Who may do what (docs/security.md): every endpoint × every caller → the status expected.
    /// Callers: admin, clerk (office KGD-01, the person's region), clerk-other (MOW-07), border,
    /// agency (tax), citizen (p-own, the person acted on), citizen-other (p-other), auditor, anonymous.
    /// </summary>
    private static readonly Dictionary<string, int[]> Matrix = new()
    {
        //                                         admin clerk c-oth border agency citizen c-oth2 auditor anon
        ["POST /api/persons"] = [201, 201, 403, 403, 403, 403, 403, 403, 401],
        ["GET /api/persons?nationalId"] = [200, 200, 200, 403, 200, 403, 403, 200, 401],
        ["GET /api/persons/{id}"] = [200, 200, 403, 403, 403, 200, 403, 200, 401],
        ["GET /api/persons/{id}/status"] = [200, 200, 403, 403, 200, 200, 403, 200, 401],
        ["GET /api/persons/{id}/timeline"] = [200, 200, 403, 403, 403, 200, 403, 200, 401],
        ["GET /api/persons/{id}/access-log"] = [200, 403, 403, 403, 403, 200, 403, 200, 401],
        ["POST /api/summonses"] = [201, 201, 403, 403, 403, 403, 403, 403, 401],
        ["GET /api/summonses/{id}"] = [200, 200, 403, 403, 403, 200, 404, 200, 401],
        ["POST /api/summonses/{id}/open"] = [403, 403, 403, 403, 403, 200, 404, 403, 401],
        ["POST /api/summonses/{id}/handed"] = [200, 200, 403, 403, 403, 403, 403, 403, 401],
        ["POST /api/summonses/{id}/cancel"] = [200, 200, 403, 403, 403, 403, 403, 403, 401],
        ["POST /api/appearances"] = [201, 201, 403, 403, 403, 403, 403, 403, 401],
        ["POST /api/deferments"] = [201, 201, 403, 403, 403, 403, 403, 403, 401],
        ["POST /api/facts/{id}/retract"] = [201, 201, 403, 403, 403, 403, 403, 403, 401],
        ["GET /api/me"] = [403, 403, 403, 403, 403, 200, 200, 403, 401],
        ["GET /api/me/summonses"] = [403, 403, 403, 403, 403, 200, 200, 403, 401],
        ["GET /api/me/status"] = [403, 403, 403, 403, 403, 200, 200, 403, 401],
        ["GET /api/me/notifications"] = [403, 403, 403, 403, 403, 200, 200, 403, 401],
        ["POST /api/border/checks"] = [403, 403, 403, 200, 403, 403, 403, 403, 401],
        ["GET /api/border/snapshot"] = [200, 403, 403, 200, 403, 403, 403, 403, 401],
        ["GET /api/border/snapshot/hash-key"] = [200, 403, 403, 200, 403, 403, 403, 403, 401],
        ["GET /api/border/snapshot/key"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["POST /api/import"] = [200, 403, 403, 403, 403, 403, 403, 403, 401],
        ["GET /api/feed"] = [200, 403, 403, 403, 200, 403, 403, 200, 401],
        ["POST /api/webhooks"] = [201, 403, 403, 403, 201, 403, 403, 403, 401],
        ["GET /api/webhooks"] = [200, 403, 403, 403, 200, 403, 403, 200, 401],
        ["GET /api/webhooks/{id}"] = [200, 403, 403, 403, 200, 403, 403, 200, 401],
        ["DELETE /api/webhooks/{id}"] = [204, 403, 403, 403, 204, 403, 403, 403, 401],
        ["POST /api/webhooks/{id}/replay"] = [200, 403, 403, 403, 200, 403, 403, 403, 401],
        ["GET /api/propagation"] = [200, 403, 403, 403, 403, 403, 403, 200, 401],
        ["GET /healthz"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /readyz"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /metrics"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /openapi/v1.json"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /docs"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
    };

    public static TheoryData<string, string> EndpointsAndCallers()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in Matrix.Keys)
        {
            foreach (var caller in ApiServer.Callers)
            {
                data.Add(endpoint, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EndpointsAndCallers))]
    public async Task Every_endpoint_answers_every_role_as_the_matrix_says_and_a_refused_call_changes_nothing(string endpoint, string caller)
    {
        var expected = Matrix[endpoint][ApiServer.Callers.ToList().IndexOf(caller)];
        var (summonsId, placedFactId) = await Api.PlaceSummonsAsync();
        var newPerson = NewId("p");
        var versionBefore = await Api.VersionAsync(ApiServer.Own);
        var own = ApiServer.Own;

        var webhook = endpoint.Contains("/api/webhooks/{id}", StringComparison.Ordinal) ? await AgencyWebhookAsync() : "";
        var reply = endpoint switch
        {
            "POST /api/persons" => await Api.PostAsync(caller, "/api/persons", ApiServer.Person(newPerson, NewDigits(10), NewDigits(9))),
            "GET /api/persons?nationalId" => await Api.GetAsync(caller, "/api/persons?nationalId=3901000001"),
            "GET /api/persons/{id}" => await Api.GetAsync(caller, $"/api/persons/{own}"),
            "GET /api/persons/{id}/status" => await Api.GetAsync(caller, $"/api/persons/{own}/status"),
            "GET /api/persons/{id}/timeline" => await Api.GetAsync(caller, $"/api/persons/{own}/timeline"),
            "GET /api/persons/{id}/access-log" => await Api.GetAsync(caller, $"/api/persons/{own}/access-log"),
            "POST /api/summonses" => await Api.PostAsync(caller, "/api/summonses", new { personId = own, office = "KGD-01", appearanceAt = "2026-03-06T10:00" }),
            "GET /api/summonses/{id}" => await Api.GetAsync(caller, $"/api/summonses/{summonsId}"),
            "POST /api/summonses/{id}/open" => await Api.PostAsync(caller, $"/api/summonses/{summonsId}/open"),
            "POST /api/summonses/{id}/handed" => await Api.PostAsync(caller, $"/api/summonses/{summonsId}/handed", new { }),
            "POST /api/summonses/{id}/cancel" => await Api.PostAsync(caller, $"/api/summonses/{summonsId}/cancel", new { reason = "issued in error" }),
            "POST /api/appearances" => await Api.PostAsync(caller, "/api/appearances", new { personId = own, office = "KGD-01" }),
            "POST /api/deferments" => await Api.PostAsync(caller, "/api/deferments", new { personId = own, from = "2026-03-02", until = "2026-09-01", basis = "full-time study" }),
            "POST /api/facts/{id}/retract" => await Api.PostAsync(caller, $"/api/facts/{placedFactId}/retract", new { reason = "placed in error" }),
            "GET /api/me" or "GET /api/me/summonses" or "GET /api/me/status" or "GET /api/me/notifications" => await Api.GetAsync(caller, endpoint[4..]),
            "POST /api/border/checks" => await Api.PostAsync(caller, "/api/border/checks", new { documentNumber = "750000001", issuingState = "RUS", birthDate = "1997-04-12" }),
            "POST /api/import" => await Api.PostAsync(caller, "/api/import", new StringContent(ImportLine(newPerson), System.Text.Encoding.UTF8, "application/x-ndjson")),
            "GET /api/feed" => await Api.GetAsync(caller, "/api/feed?after=0&limit=10"),
            "POST /api/webhooks" => await Api.PostAsync(caller, "/api/webhooks", new { url = "https://agency.example/hooks/" + newPerson, agency = "tax" }),
            "GET /api/webhooks/{id}" => await Api.GetAsync(caller, $"/api/webhooks/{webhook}"),
            "DELETE /api/webhooks/{id}" => await Api.SendAsync(caller, HttpMethod.Delete, $"/api/webhooks/{webhook}"),
            "POST /api/webhooks/{id}/replay" => await Api.PostAsync(caller, $"/api/webhooks/{webhook}/replay?from=0"),
            _ => await Api.GetAsync(caller, endpoint[4..]),
        };

        Assert.True(expected == reply.Code, $"{endpoint} as {caller}: expected {expected}, got {reply}");
        if (reply.Code >= 400)
        {
            Assert.True(reply.IsProblem, $"{endpoint} as {caller}: not a problem+json: {reply}");
            Assert.Equal(versionBefore, await Api.VersionAsync(own));
            Assert.Equal(0, await Api.VersionAsync(newPerson));
        }
        else if (endpoint.StartsWith("GET", StringComparison.Ordinal) || endpoint == "POST /api/border/checks")
        {
            Assert.Equal(versionBefore, await Api.VersionAsync(own));
        }
    }

    /// <summary>A webhook of the tax agency's key (the agency caller), for the endpoints that act on one.</summary>
    private async Task<string> AgencyWebhookAsync()
    {
        var reply = await Api.PostAsync("agency", "/api/webhooks", new { url = "https://agency.example/hooks/" + NewId("w") });
        Assert.True(reply.Code == 201, reply.ToString());
        return reply.Text("id");
    }

    private static string ImportLine(string personId) =>
        $$"""{"type":"person.registered","id":"f-{{personId}}","personId":"{{personId}}","occurredAt":"2026-03-01T08:00:00Z","nationalId":"{{NewDigits(10)}}","familyName":"Иванов","givenNames":"Иван","birthDate":"1999-01-01","region":"RU-KGD","documents":[]}""" + "\n";
}
