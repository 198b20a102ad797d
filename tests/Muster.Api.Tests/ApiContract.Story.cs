using System.Text.Json;
using Muster.Api.Tests.Support;

namespace Muster.Api.Tests;

public abstract partial class ApiContract
{
    private static readonly string[] InterimMeasures = ["business.register", "credit.new", "property.register", "tax.self_employed", "vehicle.drive", "vehicle.register"];

    /// <summary>
    /// The seed article, end to end: a summons is placed → the exit ban shows in the person's account
    /// at once → never opened, the interim measures come ≈27 days later → the border denies → the
    /// border cannot lift anything → the person appears in person → everything is lifted → the border allows.
    /// </summary>
    [Fact]
    public async Task The_seed_story_from_summons_to_appearance()
    {
        const string person = ApiServer.Story;
        var registered = await Api.PostAsync("clerk", "/api/persons", ApiServer.Person(person, "3901123456", "751234567"));
        Assert.True(registered.Code == 201, registered.ToString());

        // The office places a summons on Monday 2 March 2026 (ru-2026 governs), to appear on Thursday at 15:00 local time.
        var placed = await Api.PostAsync("clerk", "/api/summonses", new { personId = person, purpose = "clarification of records", appearanceAt = "2026-03-05T15:00" });
        Assert.True(placed.Code == 201, placed.ToString());
        Assert.Equal(ApiServer.Start, placed.Text("placedAt"));
        Assert.Equal("ru-2026", placed.Text("policyId"));
        Assert.Equal("KGD-01", placed.Text("office"));
        var summonsId = placed.Text("summonsId");
        Assert.Equal($"/api/summonses/{summonsId}", placed.Message.Headers.Location?.OriginalString);

        // The ban is in the personal account at once, explained: rule, law, summons, what lifts it.
        var mine = await Api.GetAsync("citizen-story", "/api/me/status");
        Assert.Equal(200, mine.Code);
        var ban = Assert.Single(mine.Json.GetProperty("restrictions").EnumerateArray());
        Assert.Equal("travel.exit", ban.GetProperty("code").GetString());
        Assert.Equal(ApiServer.Start, ban.GetProperty("since").GetString());
        Assert.Equal("exit-ban", ban.GetProperty("ruleId").GetString());
        Assert.Equal(summonsId, ban.GetProperty("summonsId").GetString());
        Assert.Contains("437-FZ", ban.GetProperty("legalBasis").GetString());
        Assert.Contains("appearance", ban.GetProperty("liftedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("border control cannot", ban.GetProperty("howToLift").GetProperty("en").GetString());
        Assert.Equal(InterimMeasures, Codes(mine.Json.GetProperty("upcoming")).Distinct().Order(StringComparer.Ordinal));
        var summonses = await Api.GetAsync("citizen-story", "/api/me/summonses");
        Assert.Equal(summonsId, Assert.Single(summonses.Json.EnumerateArray()).GetProperty("summonsId").GetString());
        var notifications = await Api.GetAsync("citizen-story", "/api/me/notifications");
        Assert.Contains(notifications.Json.EnumerateArray(), n => n.GetProperty("kind").GetString() == "restriction.started" && n.GetProperty("code").GetString() == "travel.exit");
        Assert.Contains(notifications.Json.EnumerateArray(), n => n.GetProperty("kind").GetString() == "summons.placed");

        // Never opened: deemed delivered on 9 March (placement + 7), so the 20-day term runs from 9 March
        // and the measures apply from 00:00 Kaliningrad time on 30 March = 29 March 22:00 UTC: ≈27.7 days after placement.
        var measuresFrom = mine.Json.GetProperty("upcoming")[0].GetProperty("from").GetString();
        Assert.Equal("2026-03-29T22:00:00Z", measuresFrom);
        Assert.Equal(measuresFrom, mine.Json.GetProperty("nextChangeAt").GetString());
        Api.SetClock("2026-03-29T21:59:59Z");
        Assert.Equal(["travel.exit"], Codes((await Api.GetAsync("citizen-story", "/api/me/status")).Json.GetProperty("restrictions")));
        Api.SetClock("2026-03-29T22:00:00Z");
        var measures = await Api.GetAsync("citizen-story", "/api/me/status");
        Assert.Equal(InterimMeasures.Append("travel.exit").Order(StringComparer.Ordinal), Codes(measures.Json.GetProperty("restrictions")).Order(StringComparer.Ordinal));

        // The tax service sees the codes it enforces, and nothing else.
        var tax = await Api.GetAsync("agency", $"/api/persons/{person}/status");
        Assert.Equal(["business.register", "tax.self_employed"], Codes(tax.Json.GetProperty("restrictions")).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("summonsId", tax.Body, StringComparison.Ordinal);

        // Sheremetyevo: the border denies, by the printed fields and by the MRZ; no reasons, no personal data.
        Api.SetClock("2026-04-02T07:40:00Z");
        var byFields = await BorderCheckAsync(new { documentNumber = "751234567", issuingState = "RUS", birthDate = "1997-04-12" });
        Assert.Equal("deny", byFields.Text("decision"));
        Assert.Equal("2026-04-02T07:40:00Z", byFields.Text("checkedAt"));
        Assert.Equal("document", byFields.Text("match"));
        Assert.Equal(["checkedAt", "decision", "match", "reference"], byFields.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(person, byFields.Body, StringComparison.Ordinal);
        var mrz = Support.Mrz.Td3("RUS", "SMIRNOV<<ALEKSEI", "751234567", "RUS", "970412", 'M', "300101");
        var byMrz = await BorderCheckAsync(new { mrz });
        Assert.Equal(("deny", "document"), (byMrz.Text("decision"), byMrz.Text("match")));
        Assert.NotEqual(byFields.Text("reference"), byMrz.Text("reference"));

        // The border cannot lift anything: no appearance, no cancellation, no retraction.
        var versionBefore = await Api.VersionAsync(person);
        Assert.Equal(403, (await Api.PostAsync("border", "/api/appearances", new { personId = person, office = "KGD-01" })).Code);
        Assert.Equal(403, (await Api.PostAsync("border", $"/api/summonses/{summonsId}/cancel", new { reason = "the traveller says he was never told" })).Code);
        Assert.Equal(403, (await Api.PostAsync("border", $"/api/facts/{placed.Text("placedFactId")}/retract", new { reason = "court order" })).Code);
        Assert.Equal(versionBefore, await Api.VersionAsync(person));
        Assert.Equal("deny", (await BorderCheckAsync(new { mrz })).Text("decision"));

        // The person appears in person at the office: everything is lifted at that instant.
        Api.SetClock("2026-04-03T08:15:00Z");
        var appeared = await Api.PostAsync("clerk", "/api/appearances", new { personId = person });
        Assert.True(appeared.Code == 201, appeared.ToString());
        Assert.Equal("appearance.recorded", appeared.Text("type"));
        var free = await Api.GetAsync("citizen-story", "/api/me/status");
        Assert.Empty(free.Json.GetProperty("restrictions").EnumerateArray());
        Assert.Empty(free.Json.GetProperty("upcoming").EnumerateArray());
        var timeline = await Api.GetAsync("admin", $"/api/persons/{person}/timeline");
        Assert.All(timeline.Json.GetProperty("intervals").EnumerateArray(), i => Assert.Equal("2026-04-03T08:15:00Z", i.GetProperty("until").GetString()));
        Assert.Equal("deemed", timeline.Json.GetProperty("summonses")[0].GetProperty("deliveredBy").GetString());
        Assert.Equal("allow", (await BorderCheckAsync(new { mrz })).Text("decision"));
        Assert.Equal("allow", (await BorderCheckAsync(new { documentNumber = "751234567", issuingState = "RUS", birthDate = "1997-04-12" })).Text("decision"));

        // The past stays answerable: on 1 April the ban and the measures were in force.
        var past = await Api.GetAsync("admin", $"/api/persons/{person}/status?at=2026-04-01T00:00:00Z");
        Assert.Equal(7, past.Json.GetProperty("restrictions").GetArrayLength());

        // Every official's read is in the person's access log, the border checks with their references.
        var log = await Api.GetAsync("citizen-story", $"/api/persons/{person}/access-log");
        var purposes = log.Json.EnumerateArray().Select(a => a.GetProperty("purpose").GetString()!).ToList();
        Assert.Contains(purposes, p => p == $"POST /api/border/checks {byFields.Text("reference")}: deny");
        Assert.Contains(purposes, p => p == $"POST /api/border/checks {byMrz.Text("reference")}: deny");
        Assert.Contains(purposes, p => p == "GET /api/persons/{id}/status");
        Assert.DoesNotContain(purposes, p => p.StartsWith("GET /api/me", StringComparison.Ordinal));
    }

    private async Task<Reply> BorderCheckAsync(object body)
    {
        var reply = await Api.PostAsync("border", "/api/border/checks", body);
        Assert.True(reply.Code == 200, reply.ToString());
        return reply;
    }

    private static List<string> Codes(JsonElement items) => [.. items.EnumerateArray().Select(i => i.GetProperty("code").GetString()!)];
}
