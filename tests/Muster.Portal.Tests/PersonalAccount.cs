namespace Muster.Portal.Tests;

/// <summary>The Kaliningrad case of the seed article, in the personal account: every restriction explains itself.</summary>
[Collection(PortalCollection.Name)]
public sealed class PersonalAccount(Browser browser)
{
    [Fact]
    public async Task Every_restriction_says_since_when_why_which_summons_and_how_to_lift_it()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, "citizen");
        Assert.Equal("7", (await page.TextContentAsync("#in-force .count"))!.Trim());
        var restrictions = page.Locator("section:has(#in-force) article.restriction");
        Assert.Equal(2, await restrictions.CountAsync()); // the exit ban, and the six interim measures of the other rule
        for (var i = 0; i < 2; i++)
        {
            var text = await restrictions.Nth(i).TextContentAsync() ?? "";
            Assert.Contains("Since", text, StringComparison.Ordinal);
            Assert.Contains("Europe/Kaliningrad, UTC+2", text, StringComparison.Ordinal);
            Assert.Contains("53-FZ art. 7.1", text, StringComparison.Ordinal);
            Assert.Contains("summons demo-000000-s1", text, StringComparison.Ordinal);
            Assert.Contains("How to lift it", text, StringComparison.Ordinal);
            Assert.Contains("an in-person appearance at the enlistment office", text, StringComparison.Ordinal);
        }

        Assert.Equal(7, await page.Locator("section:has(#in-force) ul.kinds li").CountAsync());
        Assert.Contains("opened (delivered)", await page.TextContentAsync("section:has(#summonses)") ?? "", StringComparison.Ordinal);
        Assert.True(await page.Locator("section:has(#notices) li").CountAsync() >= 3);
        await Browser.AssertAccessibleAsync(page, "the personal account");
        await Browser.ScreenshotAsync(page, "account");
    }

    [Fact]
    public async Task The_measures_still_to_come_are_shown_with_their_date_and_a_countdown_in_the_persons_zone()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, "citizen-kamchatka");
        var coming = await page.TextContentAsync("section:has(#upcoming)") ?? "";
        Assert.Contains("From ", coming, StringComparison.Ordinal);
        Assert.Contains("Asia/Kamchatka, UTC+12", coming, StringComparison.Ordinal);
        Assert.Matches(@"\(in \d+ d", coming);
        Assert.Contains("How to prevent it", coming, StringComparison.Ordinal);
        Assert.Equal(6, await page.Locator("section:has(#upcoming) ul.kinds li").CountAsync());
        Assert.Contains("Exit ban", await page.TextContentAsync("section:has(#in-force)") ?? "", StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(page, "the account with measures to come");
        await Browser.ScreenshotAsync(page, "account-upcoming");
    }

    [Fact]
    public async Task The_account_reads_on_a_phone_and_in_Russian()
    {
        var page = await browser.NewPageAsync(locale: "ru-RU", width: 390, height: 844);
        await Browser.SignInAsync(page, "citizen");
        Assert.Equal("ru", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Личный кабинет", (await page.TextContentAsync("h1"))!.Trim());
        Assert.Contains("Запрет на выезд", await page.TextContentAsync("section:has(#in-force)") ?? "", StringComparison.Ordinal);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the personal account scrolls sideways on a phone");
        await Browser.AssertAccessibleAsync(page, "the personal account in Russian on a phone");
        await Browser.ScreenshotAsync(page, "account-phone-ru", fullPage: false);

        // The switch in the header changes the language, and it sticks.
        await page.ClickAsync("a[hreflang=en]");
        Assert.Equal("Personal account", (await page.TextContentAsync("h1"))!.Trim());
        await page.GotoAsync("/account");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
    }
}
