namespace Muster.Portal.Tests;

/// <summary>The enlistment office console: find by name, issue a summons (the law's cap is enforced, naming the field), cancel it.</summary>
[Collection(PortalCollection.Name)]
public sealed class OfficeConsole(Browser browser)
{
    [Fact]
    public async Task A_clerk_finds_a_person_by_name_issues_a_summons_within_the_cap_and_cancels_it()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, "clerk");
        await page.FillAsync("#q", "иванов");
        await page.ClickAsync("form[role=search] button");
        var results = page.Locator("table a[href^='/console/persons/']");
        Assert.True(await results.CountAsync() > 0, await page.ContentAsync());
        Assert.DoesNotContain("RU-KGD", await page.TextContentAsync("section:has(#results)") ?? "", StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(page, "the console's search");
        await Browser.ScreenshotAsync(page, "console-search");

        // A person without a summons (not the seed's cases, which other tests use).
        string? chosen = null;
        foreach (var href in await results.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
        {
            await page.GotoAsync(href);
            if (await page.Locator("#no-restrictions").CountAsync() == 1 && !href.EndsWith("demo-000001", StringComparison.Ordinal))
            {
                chosen = href;
                break;
            }
        }

        Assert.NotNull(chosen);

        // ru-2026 (412-FZ): an appearance more than 30 days after placement is refused, naming the field.
        await page.FillAsync("#appearanceAt", "2026-04-20T10:00");
        await page.ClickAsync("form:has(#appearanceAt) button");
        var refusal = await page.TextContentAsync("[role=alert]") ?? "";
        Assert.Contains("appearanceAt", refusal, StringComparison.Ordinal);
        Assert.Contains("412-FZ", refusal, StringComparison.Ordinal);

        await page.FillAsync("#appearanceAt", "2026-03-10T10:00");
        await page.ClickAsync("form:has(#appearanceAt) button");
        Assert.Contains("The summons is placed", await page.TextContentAsync("[role=status]") ?? "", StringComparison.Ordinal);
        Assert.Contains("Exit ban", await page.TextContentAsync("section:has(#status)") ?? "", StringComparison.Ordinal);
        Assert.Contains("placed, not opened", await page.TextContentAsync("section:has(#summonses)") ?? "", StringComparison.Ordinal);

        await page.ClickAsync("article.summons.state-placed summary:has-text('Cancel the summons')");
        await page.FillAsync("article.summons.state-placed input[name=reason]", "issued in error");
        await page.ClickAsync("article.summons.state-placed button.danger");
        Assert.Contains("The summons is cancelled", await page.TextContentAsync("[role=status]") ?? "", StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#no-restrictions").CountAsync());
    }
}
