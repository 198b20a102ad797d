using System.Net;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Access;

/// <summary>
/// The portals' pages for every role — each answers as docs/security.md says (the page, not found, or a
/// redirect to the sign-in or to "not allowed") — and every one of them, the refusals, the not-founds, a
/// failed sign-in and the style sheet included, carries the security headers of docs/security.md: a Content-Security-Policy with no script and
/// frame-ancestors 'none', X-Frame-Options, nosniff, no referrer, no caching of pages. Over plain HTTP no
/// Strict-Transport-Security; behind a TLS proxy (TrustForwardedProto, X-Forwarded-Proto: https) on every page.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class PortalHeaders(SqliteApiServer api, ITestOutputHelper output)
{
    private const string Password = "header-password-1";

    [Fact]
    public async Task Every_portal_page_answers_each_role_as_the_matrix_says_with_the_security_headers_and_HSTS_only_over_TLS()
    {
        var (summonsId, _) = await api.PlaceSummonsAsync();
        (string User, string[] Options)[] users =
        [
            ("hdr-citizen", ["--role", "citizen", "--person", ApiServer.Own]), ("hdr-clerk", ["--role", "clerk", "--office", "KGD-01"]),
            ("hdr-border", ["--role", "border"]), ("hdr-admin", ["--role", "admin"]), ("hdr-auditor", ["--role", "auditor"]),
        ];
        foreach (var (user, options) in users)
        {
            await PortalSession.CreateUserAsync(api.Db, user, Password, options);
        }

        var plain = await VisitAsync(api.Server.Address, summonsId, null);
        await using var tls = await MusterServer.StartAsync(api.Db, api.ClockFile, new Dictionary<string, string> { ["Portal__TrustForwardedProto"] = "true" });
        var proxied = await VisitAsync(tls.Address, summonsId, r => r.Headers.Add("X-Forwarded-Proto", "https"));

        var problems = plain.SelectMany(p => Missing(p.Page, p.Answer, hsts: false)).Concat(proxied.SelectMany(p => Missing(p.Page, p.Answer, hsts: true))).ToList();
        Figures.Report(output, "access-portal-headers",
            $"{plain.Count} portal responses over plain HTTP and {proxied.Count} behind a TLS proxy (statuses {string.Join(", ", plain.Concat(proxied).GroupBy(p => (int)p.Answer.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"))}): " +
            $"{problems.Count} missing or wrong headers" + string.Concat(problems.Take(20).Select(p => "\n  " + p)));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        Assert.Contains(plain, p => p.Answer.StatusCode == HttpStatusCode.Forbidden);
        Assert.Contains(plain, p => p.Answer.StatusCode == HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Visits every page as each role (the portals' role matrix, docs/security.md), checking the answer —
    /// 200, 404, or a redirect to the sign-in or to "not allowed" — and returns every response for the header checks.
    /// </summary>
    private static async Task<List<(string Page, HttpResponseMessage Answer)>> VisitAsync(Uri server, string summonsId, Action<HttpRequestMessage>? proxy)
    {
        var seen = new List<(string, HttpResponseMessage)>();
        void Expect(string page, HttpResponseMessage answer, string expected)
        {
            var got = answer.StatusCode == HttpStatusCode.Redirect ? answer.Headers.Location?.AbsolutePath.Trim('/') ?? "" : ((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(got == expected, $"{page}: expected {expected}, got {(int)answer.StatusCode} {answer.Headers.Location}");
            seen.Add((page, answer));
        }

        foreach (var (path, expected) in new[] { ("/", "200"), ("/signin", "200"), ("/signin?returnUrl=%2Fconsole", "200"), ("/account", "signin"), ("/no-such-page", "404"), ("/portal/muster.css", "200"), ("/denied", "403") })
        {
            Expect($"anonymous {path}", (await PortalSession.GetAnonymousAsync(server, path, proxy)).Answer, expected);
        }

        Expect("a failed sign-in", (await PortalSession.SignInAsync(server, "hdr-admin", "not-the-password", proxy)).Answer, "401");
        var pages = new Dictionary<string, (string Path, string Expected)[]>
        {
            ["hdr-citizen"] = [("/account", "200"), ($"/account/summonses/{summonsId}", "200"), ("/account/summonses/s-nothing", "404"), ("/console", "denied"), ("/admin", "denied")],
            ["hdr-clerk"] = [("/console", "200"), ("/console?q=3901000001", "200"), ($"/console/persons/{ApiServer.Own}", "200"), ("/console/persons/p-nobody", "404"), ("/border", "denied"), ("/admin", "denied")],
            ["hdr-border"] = [("/border", "200"), ("/console", "denied"), ("/account", "denied")],
            ["hdr-admin"] = [("/admin", "200"), ("/console", "200"), ($"/console/persons/{ApiServer.Other}", "200")],
            ["hdr-auditor"] = [("/admin", "200"), ("/console", "denied")],
        };
        foreach (var (user, paths) in pages)
        {
            var (signedIn, _, session) = await PortalSession.SignInAsync(server, user, Password, proxy);
            Assert.True(session is not null, $"{user} could not sign in: {signedIn.StatusCode}");
            seen.Add(($"{user} signing in", signedIn));
            foreach (var (path, expected) in paths)
            {
                Expect($"{user} {path}", (await session!.GetAsync(path, proxy)).Answer, expected);
            }
        }

        return seen;
    }

    private static IEnumerable<string> Missing(string page, HttpResponseMessage answer, bool hsts)
    {
        string? Header(string name) => answer.Headers.TryGetValues(name, out var v) || answer.Content.Headers.TryGetValues(name, out v) ? string.Join(", ", v) : null;
        var where = $"{page} ({(int)answer.StatusCode}{(hsts ? ", behind TLS" : "")})";
        var csp = Header("Content-Security-Policy") ?? "";
        if (!csp.Contains("default-src 'none'", StringComparison.Ordinal) || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal) || csp.Contains("script-src", StringComparison.Ordinal))
        {
            yield return $"{where}: Content-Security-Policy '{csp}'";
        }

        foreach (var (name, value) in new[] { ("X-Frame-Options", "DENY"), ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer") })
        {
            if (Header(name) != value)
            {
                yield return $"{where}: {name} '{Header(name)}'";
            }
        }

        if (!page.EndsWith(".css", StringComparison.Ordinal) && Header("Cache-Control") != "no-store")
        {
            yield return $"{where}: Cache-Control '{Header("Cache-Control")}'";
        }

        var sts = Header("Strict-Transport-Security");
        if (hsts != (sts?.StartsWith("max-age=31536000", StringComparison.Ordinal) == true))
        {
            yield return $"{where}: Strict-Transport-Security '{sts}'";
        }
    }
}
