namespace Muster.Portal.Tests;

/// <summary>
/// With an identity provider configured, the sign-in page offers it, and its button sends the browser
/// there by the authorization-code flow with PKCE — through the pages' real Content-Security-Policy
/// (not bypassed here), whose form-action admits the provider and nothing else.
/// </summary>
public sealed class OpenIdConnectSignIn : IAsyncLifetime
{
    private readonly FakeIdentityProvider _provider = new();
    private PortalServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _chrome = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _server = await PortalServer.StartAsync(Browser.Now, people: 50, new Dictionary<string, string>
        {
            ["Portal__Oidc__Authority"] = _provider.Authority,
            ["Portal__Oidc__ClientId"] = "muster-portal",
            ["Portal__Oidc__ClientSecret"] = "not-a-real-secret",
            ["Portal__Oidc__DisplayName"] = "Госуслуги (test)",
            ["Portal__Oidc__RequireHttpsMetadata"] = "false",
        });
        _playwright = await Playwright.CreateAsync();
        _chrome = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Browser.Chromium, Headless = true, ChromiumSandbox = false, Args = ["--disable-gpu", "--disable-quic", "--no-first-run"] });
    }

    [Fact]
    public async Task The_identity_providers_button_starts_the_code_flow_with_PKCE()
    {
        var context = await _chrome.NewContextAsync(new BrowserNewContextOptions { BaseURL = _server.Address.ToString(), Locale = "en-GB" });
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(45_000);
        var page = await context.NewPageAsync();
        var csp = await (await page.GotoAsync("/signin"))!.HeaderValueAsync("content-security-policy");
        Assert.Contains("form-action 'self' " + _provider.Authority, csp, StringComparison.Ordinal);

        await page.ClickAsync("button:has-text('Sign in with Госуслуги (test)')");
        await page.WaitForURLAsync(_provider.AuthorizationEndpoint + "**");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        Assert.Equal("muster-portal", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(new Uri(_server.Address, "/signin-oidc").ToString(), query["redirect_uri"]);
        Assert.Contains("openid", query["scope"], StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _chrome.CloseAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
