using System.Text;
using System.Text.Json;

namespace Muster.Portal.Tests.Support;

/// <summary>
/// One demo server and one headless Chromium for the browser tests: Debian's /usr/bin/chromium driven
/// by Playwright (which downloads no browser of its own). Each test opens its own browser context, so
/// sign-ins never leak between tests. The demo register is generated around <see cref="Now"/>.
/// </summary>
public sealed partial class Browser : IAsyncLifetime
{
    /// <summary>"Now" for the server: the day the seed article appeared, 12:00 in Moscow.</summary>
    public const string Now = "2026-03-05T09:00:00Z";

    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public PortalServer Server { get; private set; } = null!;

    public IBrowser Chrome { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (test.sh does)");
        }

        if (!File.Exists(Repository.AxeCore))
        {
            throw new InvalidOperationException($"{Repository.AxeCore} is missing: run `npm ci` in {Repository.TestProject} (test.sh does)");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Server = await PortalServer.StartAsync(Now, people: 1000);
        _playwright = await Playwright.CreateAsync();
        Chrome = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            ChromiumSandbox = false,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser (no cookies) in a language, at a screen size. The pages' CSP would stop the injected axe-core, so it is bypassed in tests only.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-GB", int width = 1280, int height = 900)
    {
        var context = await Chrome.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = true,
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(45_000); // a shared, busy 2-core machine: generous, never relied upon
        context.SetDefaultNavigationTimeout(45_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on /signin with a demo account and lands on the role's portal.</summary>
    public static async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", username + "-demo");
        await page.ClickAsync("form:not([action*='handler']) button[type=submit]");
        try
        {
            // Poll the page's address rather than wait for a navigation event: CI once found the page
            // on the console after 45 s of WaitForURLAsync, which had missed the redirect's event
            // (its check of the address and its listener are not one step in the .NET client).
            await Assertions.Expect(page).Not.ToHaveURLAsync(SignInPage(), new PageAssertionsToHaveURLOptions { Timeout = 45_000 });
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            // Say where the page is and what it shows (a refusal? an error page?), not only that time ran out.
            var shown = await page.TextContentAsync("main") ?? "";
            throw new TimeoutException($"signing in as '{username}' did not leave the sign-in page: at {page.Url}, the page says: {shown.Trim()[..Math.Min(1000, shown.Trim().Length)]}", e);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("/signin")]
    private static partial System.Text.RegularExpressions.Regex SignInPage();

    /// <summary>Runs axe-core in the page: no serious or critical violation (WCAG 2 A/AA and best practice rules).</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Repository.AxeCore });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
            }
            """);
        var bad = new StringBuilder();
        foreach (var v in violations.EnumerateArray())
        {
            var impact = v.GetProperty("impact").GetString();
            if (impact is "serious" or "critical")
            {
                bad.AppendLine($"{impact}: {v.GetProperty("id").GetString()} — {v.GetProperty("help").GetString()}: {string.Join(" | ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}");
            }
        }

        Assert.True(bad.Length == 0, $"axe-core found serious or critical violations on {what} ({page.Url}):\n{bad}");
    }

    /// <summary>Saves a screenshot to docs/screenshots (committed; the README shows them).</summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Repository.Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repository.Screenshots, name + ".png"), FullPage = fullPage });
    }

    public async Task DisposeAsync()
    {
        if (Chrome is not null)
        {
            await Chrome.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
