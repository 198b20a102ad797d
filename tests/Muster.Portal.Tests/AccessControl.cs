namespace Muster.Portal.Tests;

/// <summary>Each person sees only their own record; each official only the portal of their role.</summary>
[Collection(PortalCollection.Name)]
public sealed class AccessControl(Browser browser)
{
    [Fact]
    public async Task A_citizen_cannot_reach_another_persons_page_or_the_console()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, "citizen");
        foreach (var path in new[] { "/console", "/console/persons/demo-000001", "/border", "/admin" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            Assert.Contains("Not allowed", await page.TextContentAsync("h1") ?? "", StringComparison.Ordinal);
        }

        // Another person's summons: not even its existence is revealed.
        var other = await page.GotoAsync("/account/summonses/demo-000001-s1");
        Assert.Equal(404, other!.Status);
        Assert.DoesNotContain("demo-000001", await page.TextContentAsync("main") ?? "", StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(page, "the not-found page");

        // The account is always their own record.
        await page.GotoAsync("/account");
        Assert.Contains("demo-000000-s1", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("demo-000001", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Officials_are_kept_to_their_role_and_region()
    {
        var border = await browser.NewPageAsync();
        await Browser.SignInAsync(border, "border");
        Assert.Equal(403, (await border.GotoAsync("/console"))!.Status);
        Assert.Equal(403, (await border.GotoAsync("/account"))!.Status);

        // The Kaliningrad clerk cannot open a Moscow person's card.
        var clerk = await browser.NewPageAsync();
        await Browser.SignInAsync(clerk, "clerk-kgd");
        var card = await clerk.GotoAsync("/console/persons/demo-000001");
        Assert.Equal(403, card!.Status);
        Assert.Contains("RU-MOW", await clerk.TextContentAsync("[role=alert]") ?? "", StringComparison.Ordinal);

        // An auditor reads the administration page but cannot act in the console.
        var auditor = await browser.NewPageAsync();
        await Browser.SignInAsync(auditor, "auditor");
        Assert.EndsWith("/admin", auditor.Url, StringComparison.Ordinal);
        Assert.Equal(403, (await auditor.GotoAsync("/console"))!.Status);
    }

    [Fact]
    public async Task Without_signing_in_every_portal_asks_for_a_sign_in_and_a_wrong_password_is_refused()
    {
        var page = await browser.NewPageAsync();
        foreach (var path in new[] { "/account", "/console", "/border", "/admin" })
        {
            await page.GotoAsync(path);
            Assert.Contains("/signin?returnUrl=", page.Url, StringComparison.Ordinal);
        }

        await page.FillAsync("#username", "citizen");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("form:not([action*='handler']) button[type=submit]");
        Assert.Contains("wrong", await page.TextContentAsync("[role=alert]") ?? "", StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(page, "the sign-in page with an error");
        await Browser.ScreenshotAsync(page, "signin");
    }

    [Fact]
    public async Task Pages_carry_security_headers_cookies_are_secure_and_forms_need_the_anti_forgery_token()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/signin");
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("default-src 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("no-store", headers["cache-control"]);

        await Browser.SignInAsync(page, "citizen");
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "muster.session");
        Assert.True(session.Secure);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);

        // A form post without its token (what a cross-site form would send) is refused.
        using var http = new HttpClient { BaseAddress = browser.Server.Address };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "citizen", ["password"] = "citizen-demo" });
        var forged = await http.PostAsync(new Uri("/signin", UriKind.Relative), form);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);
    }
}
