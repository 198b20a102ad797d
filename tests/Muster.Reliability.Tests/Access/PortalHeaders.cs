using System.Net;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Access;

/// <summary>
/// Every portal page each role reaches — and the refusals, the not-founds, a failed sign-in, the style
/// sheet — carries the security headers of docs/security.md: a Content-Security-Policy with no script and
/// frame-ancestors 'none', X-Frame-Options, nosniff, no referrer, no caching of pages. Over plain HTTP no
/// Strict-Transport-Security; behind a TLS proxy (TrustForwardedProto, X-Forwarded-Proto: https) on every page.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class PortalHeaders(SqliteApiServer api, ITestOutputHelper output)
{
    private const string Password = "header-password-1";

    [Fact]
    public async Task Every_portal_page_carries_the_security_headers_and_HSTS_only_over_TLS()
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

    private static async Task<List<(string Page, HttpResponseMessage Answer)>> VisitAsync(Uri server, string summonsId, Action<HttpRequestMessage>? proxy)
    {
        var seen = new List<(string, HttpResponseMessage)>();
        foreach (var path in new[] { "/", "/signin", "/signin?returnUrl=%2Fconsole", "/account", "/no-such-page", "/portal/muster.css", "/denied" })
        {
            seen.Add(($"anonymous {path}", (await PortalSession.GetAnonymousAsync(server, path, proxy)).Answer));
        }

        var (failed, _, _) = await PortalSession.SignInAsync(server, "hdr-admin", "not-the-password", proxy);
        seen.Add(("a failed sign-in", failed));
        var pages = new Dictionary<string, string[]>
        {
            ["hdr-citizen"] = ["/account", $"/account/summonses/{summonsId}", "/account/summonses/s-nothing", "/console", "/admin"],
            ["hdr-clerk"] = ["/console", "/console?q=3901000001", $"/console/persons/{ApiServer.Own}", "/console/persons/p-nobody", "/border", "/admin"],
            ["hdr-border"] = ["/border", "/console", "/account"],
            ["hdr-admin"] = ["/admin", "/console", $"/console/persons/{ApiServer.Other}"],
            ["hdr-auditor"] = ["/admin", "/console"],
        };
        foreach (var (user, paths) in pages)
        {
            var (signedIn, _, session) = await PortalSession.SignInAsync(server, user, Password, proxy);
            seen.Add(($"{user} signing in", signedIn));
            Assert.True(session is not null, $"{user} could not sign in: {signedIn.StatusCode}");
            foreach (var path in paths)
            {
                seen.Add(($"{user} {path}", (await session!.GetAsync(path, proxy)).Answer));
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
