using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Muster.Api.Tests.Support;

namespace Muster.Api.Tests;

/// <summary>
/// The server's log at Debug, everything included (ASP.NET Core's categories too), as JSON lines, after
/// the seed story through the API and the office console — searches by name, national id and document,
/// border checks by the printed fields and by the MRZ, refused calls and a refused sign-in with a
/// national id typed as the username: every line is JSON, and none holds the person's name, national id,
/// document number, birth date or MRZ.
/// </summary>
public sealed partial class Logs
{
    private const string Person = "p-logged";
    private const string NationalId = "3901987654";
    private const string Document = "759876543";

    private static readonly string Mrz = Support.Mrz.Td3("RUS", "SMIRNOV<<ALEKSEI", Document, "RUS", "970412", 'M', "300101");

    [Fact]
    public Task At_debug_level_the_json_log_lines_hold_no_personal_data() => new SqliteApiServer
    {
        Settings = new Dictionary<string, string> { ["Logging:Json"] = "true" },
        Environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Debug", // asked for, and still held back
            ["Logging__LogLevel__System"] = "Debug",
        },
    }.RunAsync(async api =>
    {
        await RunStoryAsync(api);
        await UseTheConsoleAsync(api);
        await Task.Delay(500); // the console logger writes on a thread of its own

        var output = api.Server.Output;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 50, output);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList(); // every line is one JSON object
        Assert.Contains(entries, e => e.GetProperty("LogLevel").GetString() == "Debug" && e.GetProperty("Category").GetString()!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetProperty("Message").GetString()!.StartsWith("border check BC-", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.GetProperty("Message").GetString()!.StartsWith("portal sign-in refused", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics");

        string[] personal = ["Смирнов", "Алексей", "Иванович", "SMIRNOV", "ALEKSEI", NationalId, Document, "1997-04-12", "12.04.1997", "970412", .. Mrz.Split('\n')];
        foreach (var text in personal.SelectMany(p => new[] { p, Uri.EscapeDataString(p), JsonSerializer.Serialize(p)[1..^1] }).Distinct())
        {
            Assert.False(output.Contains(text, StringComparison.OrdinalIgnoreCase), $"the log holds '{text}':\n{string.Join('\n', lines.Where(l => l.Contains(text, StringComparison.OrdinalIgnoreCase)))}");
        }
    });

    private static async Task RunStoryAsync(ApiServer api)
    {
        Assert.Equal(201, (await api.PostAsync("clerk", "/api/persons", ApiServer.Person(Person, NationalId, Document))).Code);
        Assert.Equal(400, (await api.PostAsync("clerk", "/api/persons", """{"personId":"p-x","nationalId":"3901987654","familyName":"Смирнов","birthDate":"12.04.1997"}""")).Code);
        Assert.Equal(200, (await api.GetAsync("clerk", $"/api/persons?nationalId={NationalId}")).Code);
        Assert.Equal(200, (await api.GetAsync("clerk", $"/api/persons?document={Document}&issuingState=RUS")).Code);
        var placed = await api.PostAsync("clerk", "/api/summonses", new { personId = Person, purpose = "clarification of records", appearanceAt = "2026-03-05T15:00" });
        Assert.True(placed.Code == 201, placed.ToString());
        Assert.Equal(200, (await api.GetAsync("admin", $"/api/persons/{Person}")).Code);
        Assert.Equal(200, (await api.GetAsync("admin", $"/api/persons/{Person}/timeline")).Code);

        api.SetClock("2026-04-02T07:40:00Z");
        Assert.Equal("deny", (await api.PostAsync("border", "/api/border/checks", new { documentNumber = Document, issuingState = "RUS", birthDate = "1997-04-12" })).Text("decision"));
        Assert.Equal("deny", (await api.PostAsync("border", "/api/border/checks", new { mrz = Mrz })).Text("decision"));
        Assert.Equal(400, (await api.PostAsync("border", "/api/border/checks", new { mrz = Mrz.Replace("<<ALEKSEI", "<<ALEKSEJ", StringComparison.Ordinal)[..60] })).Code);
        Assert.Equal(400, (await api.PostAsync("border", "/api/border/checks", new { documentNumber = Document, issuingState = "RUS", birthDate = "1997-13-12" })).Code);

        api.SetClock("2026-04-03T08:15:00Z");
        Assert.Equal(201, (await api.PostAsync("clerk", "/api/appearances", new { personId = Person })).Code);
        Assert.Equal("allow", (await api.PostAsync("border", "/api/border/checks", new { mrz = Mrz })).Text("decision"));
    }

    /// <summary>The office console: a refused sign-in (a national id typed as the username), a clerk's sign-in, searches, the card.</summary>
    private static async Task UseTheConsoleAsync(ApiServer api)
    {
        await MusterCommand.RunAsync("users", "create", "--db", api.Db, "--username", "clerk.logs", "--role", "clerk", "--office", "KGD-01", "--password", "a long enough password");
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = api.Server.Address };
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(http, cookies, NationalId, "not the password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(http, cookies, "clerk.logs", "a long enough password")).StatusCode);
        foreach (var path in new[] { $"/console?q={Uri.EscapeDataString("Смирнов")}", $"/console?q={NationalId}", $"/console?q={Document}", $"/console/persons/{Person}" })
        {
            var page = await SendAsync(http, cookies, new HttpRequestMessage(HttpMethod.Get, path));
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {page.StatusCode}");
        }
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, Dictionary<string, string> cookies, string username, string password)
    {
        var form = await (await SendAsync(http, cookies, new HttpRequestMessage(HttpMethod.Get, "/signin"))).Content.ReadAsStringAsync();
        var token = Value().Match(Csrf().Match(form).Value).Groups[1].Value;
        return await SendAsync(http, cookies, new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = username, ["password"] = password, ["__csrf"] = token }),
        });
    }

    /// <summary>Sends with the cookies kept so far (by hand: the session cookie is Secure, and this is loopback HTTP) and keeps the new ones.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Dictionary<string, string> cookies, HttpRequestMessage request)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';', 2)[0].Split('=', 2);
            cookies[pair[0]] = pair[1];
        }

        return response;
    }

    [GeneratedRegex("<input[^>]*name=\"__csrf\"[^>]*>")]
    private static partial Regex Csrf();

    [GeneratedRegex("value=\"([^\"]+)\"")]
    private static partial Regex Value();
}
