using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Hostile;

/// <summary>
/// SQL and HTML injection strings (and odd Unicode) in every text field a person, summons, cancellation,
/// retraction or deferment has. Each is stored verbatim or refused naming its field; the API gives back
/// the same string; the portal pages that show it (the console's card and search, the personal account's
/// summons) contain it HTML-escaped and never raw; and the store is unharmed (projections equal a rebuild,
/// the audit chain verifies). On both engines.
/// </summary>
public abstract class Injections(ApiServer api, ITestOutputHelper output)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(new TextEncoderSettings(UnicodeRanges.All));
    private static readonly string[] Strings = [.. HostileInput.Injections, "\uD800", "😀🇷🇺", "\u202Eright-to-left", "line\r\nbreak"];
    private static readonly string[] PersonFields = ["familyName", "givenNames", "patronymic", "latinName", "nationalId", "documents[0].number"];

    protected abstract string Engine { get; }

    [Fact]
    public async Task Injection_strings_in_every_text_field_are_stored_verbatim_and_shown_escaped()
    {
        await PortalSession.CreateUserAsync(api.Db, "inj-admin", "admin-password-1", "--role", "admin");
        await PortalSession.CreateUserAsync(api.Db, "inj-citizen", "citizen-password-1", "--role", "citizen", "--person", ApiServer.Own);
        var admin = (await PortalSession.SignInAsync(api.Server.Address, "inj-admin", "admin-password-1")).Session!;
        var citizen = (await PortalSession.SignInAsync(api.Server.Address, "inj-citizen", "citizen-password-1")).Session!;
        var findings = new List<string>();
        int stored = 0, refused = 0, pages = 0;

        void Judge(string where, string value, Answer answer, string field)
        {
            if (answer.IsSuccess)
            {
                stored++;
            }
            else if (Verdict.Of(answer, f => f == field) is { } problem)
            {
                findings.Add($"{where} {JsonSerializer.Serialize(value)}: {problem}");
            }
            else
            {
                refused++;
            }
        }

        void Shown(string where, string value, string html)
        {
            pages++;
            var escaped = Html.Encode(value);
            if (!html.Contains(escaped, StringComparison.Ordinal) || (value.IndexOfAny(['<', '>', '"']) >= 0 && html.Contains(value, StringComparison.Ordinal)))
            {
                findings.Add($"{where}: {JsonSerializer.Serialize(value)} is not shown escaped as {escaped}");
            }
        }

        var n = 0;
        foreach (var value in Strings)
        {
            foreach (var field in PersonFields)
            {
                var personId = $"p-inj-{Engine}-{n++}";
                var fields = new Dictionary<string, string>
                {
                    ["personId"] = Q(personId), ["nationalId"] = Q($"39{n:D8}"), ["familyName"] = Q("Смирнов"), ["givenNames"] = Q("Алексей"),
                    ["patronymic"] = Q("Иванович"), ["latinName"] = Q("SMIRNOV<<ALEKSEI"), ["birthDate"] = Q("1997-04-12"), ["region"] = Q("RU-KGD"),
                    ["documents"] = $"[{{\"kind\":\"passport\",\"number\":{Q($"77{n:D7}")},\"issuingState\":\"RUS\"}}]",
                };
                if (field.StartsWith("documents", StringComparison.Ordinal))
                {
                    fields["documents"] = $"[{{\"kind\":\"passport\",\"number\":{Q(value)},\"issuingState\":\"RUS\"}}]";
                }
                else
                {
                    fields[field] = Q(value);
                }

                var body = Raw(fields);
                var answer = await Client.PostAsync(api.Server.Address, "/api/persons", api.Key("admin"), body);
                Judge($"POST /api/persons {field}", value, answer, field);
                if (!answer.IsSuccess)
                {
                    continue;
                }

                var read = JsonDocument.Parse((await Client.GetAsync(api.Server.Address, $"/api/persons/{personId}", api.Key("admin"))).Body).RootElement;
                var back = field.StartsWith("documents", StringComparison.Ordinal) ? read.GetProperty("documents")[0].GetProperty("number").GetString() : read.GetProperty(field).GetString();
                if (back != value && !(field.StartsWith("documents", StringComparison.Ordinal) && back == value.ToUpperInvariant()))
                {
                    findings.Add($"GET /api/persons {field}: stored {JsonSerializer.Serialize(value)}, read back {JsonSerializer.Serialize(back)}");
                }

                if (field is "familyName" or "givenNames" or "patronymic" or "nationalId")
                {
                    Shown($"console card ({field})", value, (await admin.GetAsync($"/console/persons/{personId}")).Body);
                }

                if (field == "nationalId")
                {
                    Shown("console search", value, (await admin.GetAsync($"/console?q={Uri.EscapeDataString(value)}")).Body);
                }
            }

            var (summonsId, placedFactId) = await PlaceAsync(value);
            Judge("POST /api/summonses purpose", value, summonsId.Answer, "purpose");
            if (summonsId.Id is { } sid)
            {
                var read = JsonDocument.Parse((await Client.GetAsync(api.Server.Address, $"/api/summonses/{sid}", api.Key("admin"))).Body).RootElement;
                if (read.GetProperty("purpose").GetString() != value)
                {
                    findings.Add($"GET /api/summonses purpose: stored {JsonSerializer.Serialize(value)}, read back {read.GetProperty("purpose")}");
                }

                Shown("personal account, summons (purpose)", value, (await citizen.GetAsync($"/account/summonses/{sid}")).Body);
                Judge("POST /api/summonses/{id}/cancel reason", value, await Client.PostAsync(api.Server.Address, $"/api/summonses/{sid}/cancel", api.Key("admin"), Raw(new() { ["reason"] = Q(value) })), "reason");
                Judge("POST /api/facts/{id}/retract reason", value, await Client.PostAsync(api.Server.Address, $"/api/facts/{placedFactId}/retract", api.Key("admin"), Raw(new() { ["reason"] = Q(value) })), "reason");
                if (await StoredTextsAsync(value) is { } missing)
                {
                    findings.Add(missing);
                }

                Shown("console card (retraction reason)", value, (await admin.GetAsync($"/console/persons/{ApiServer.Own}")).Body);
            }

            Judge("POST /api/deferments basis", value, await Client.PostAsync(api.Server.Address, "/api/deferments", api.Key("admin"),
                Raw(new() { ["personId"] = Q(ApiServer.Own), ["from"] = Q("2026-06-01"), ["until"] = Q("2026-06-02"), ["basis"] = Q(value) })), "basis");
        }

        var rebuild = await Reconciliation.VerifyProjectionsAsync(api.Db);
        var audit = await Reconciliation.VerifyAuditChainAsync(api.Db);
        Figures.Report(output, $"hostile-injection-{Engine}",
            $"{Engine}: {Strings.Length} injection and odd strings × {PersonFields.Length + 5} text fields: {stored} stored verbatim, {refused} refused naming the field; " +
            $"{pages} portal pages checked for escaping\ndb rebuild --verify: {Reconciliation.FirstLine(rebuild)}\naudit verify: {Reconciliation.FirstLine(audit)}\n" +
            $"{findings.Count} findings" + string.Concat(findings.Take(20).Select(f => "\n  " + f)));
        Assert.True(findings.Count == 0, string.Join("\n", findings.Take(20)));
        Assert.True(stored > Strings.Length * 5, $"only {stored} writes stored");
    }

    private static string Q(string text) => HostileInput.Quote(text);

    /// <summary>A JSON body written by hand (field → JSON text), so the strings reach the server exactly as escaped.</summary>
    private static StringContent Raw(Dictionary<string, string> fields) =>
        new("{" + string.Join(",", fields.Select(f => Q(f.Key) + ":" + f.Value)) + "}", System.Text.Encoding.UTF8, "application/json");

    private async Task<((Answer Answer, string? Id) Summons, string? PlacedFactId)> PlaceAsync(string purpose)
    {
        var answer = await Client.PostAsync(api.Server.Address, "/api/summonses", api.Key("admin"),
            Raw(new() { ["personId"] = Q(ApiServer.Own), ["office"] = Q("KGD-01"), ["purpose"] = Q(purpose), ["appearanceAt"] = Q("2026-03-05T15:00") }));
        if (!answer.IsSuccess)
        {
            return ((answer, null), null);
        }

        var json = JsonDocument.Parse(answer.Body).RootElement;
        return ((answer, json.GetProperty("summonsId").GetString()), json.GetProperty("placedFactId").GetString());
    }

    /// <summary>The cancellation and retraction reasons as the store holds them (the API does not give reasons back): verbatim, or a finding.</summary>
    private async Task<string?> StoredTextsAsync(string value)
    {
        await using var store = await Reconciliation.OpenAsync(api.Db);
        var facts = (await store.ReadPersonAsync(ApiServer.Own)).Facts;
        var reasons = facts.OfType<Muster.Core.Facts.SummonsCancelled>().Select(c => c.Reason).Concat(facts.OfType<Muster.Core.Facts.FactRetracted>().Select(r => r.Reason));
        return reasons.Contains(value) ? null : $"the reasons stored for {ApiServer.Own} do not include {JsonSerializer.Serialize(value)} verbatim";
    }
}

public sealed class InjectionsOnSqlite(SqliteApiServer api, ITestOutputHelper output) : Injections(api, output), IClassFixture<SqliteApiServer>
{
    protected override string Engine => "sqlite";
}

public sealed class InjectionsOnPostgres(PostgresApiServer api, ITestOutputHelper output) : Injections(api, output), IClassFixture<PostgresApiServer>
{
    protected override string Engine => "postgres";
}
