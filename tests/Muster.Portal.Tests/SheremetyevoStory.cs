namespace Muster.Portal.Tests;

/// <summary>
/// The seed article's Sheremetyevo case, through the three portals, in order: the border denies the
/// man's passport; he opens his summons and sees the exit ban and why; the Moscow clerk records his
/// appearance and the measures lift; the border now allows him. Screenshots of each portal are taken
/// on the way (docs/screenshots), and every page passes axe-core.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SheremetyevoStory(Browser browser)
{
    [Fact]
    public async Task Border_denies_then_the_citizen_opens_the_summons_the_clerk_records_the_appearance_and_the_border_allows()
    {
        var (passport, birthDate, mrz) = MoscowPassport();

        // 1. The border post: DENY, a reference, and who can lift it. No person data.
        var border = await browser.NewPageAsync();
        await Browser.SignInAsync(border, "border");
        Assert.EndsWith("/border", border.Url, StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(border, "the border form");
        await Browser.ScreenshotAsync(border, "border-form");
        await border.FillAsync("#documentNumber", passport);
        await border.FillAsync("#issuingState", "RUS");
        await border.FillAsync("#birthDate", birthDate);
        await border.ClickAsync("button.big");
        Assert.Equal("deny", await border.GetAttributeAsync("h1.verdict-word", "data-decision"));
        Assert.Matches("^BC-[0-9A-Z]{12}$", (await border.TextContentAsync("#reference"))!.Trim());
        var deny = await border.TextContentAsync("main") ?? "";
        Assert.Contains("Only the person's enlistment office can lift a ban", deny, StringComparison.Ordinal);
        Assert.DoesNotContain("Кузьмин", deny, StringComparison.Ordinal);
        Assert.Equal(0, await border.Locator("form button:has-text('Lift')").CountAsync());
        await Browser.AssertAccessibleAsync(border, "the DENY verdict");
        await Browser.ScreenshotAsync(border, "border-deny", fullPage: false);

        // 2. The personal account: the summons, what opening means, then the exit ban and its reason.
        var citizen = await browser.NewPageAsync();
        await Browser.SignInAsync(citizen, "citizen-moscow");
        Assert.EndsWith("/account", citizen.Url, StringComparison.Ordinal);
        Assert.Equal(1, await citizen.Locator("section:has(#in-force) article.restriction.exit").CountAsync());
        await citizen.ClickAsync("a.button:has-text('open the summons')");
        Assert.Contains("/account/summonses/demo-000001-s1", citizen.Url, StringComparison.Ordinal);
        var explain = await citizen.TextContentAsync("section.explain") ?? "";
        Assert.Contains("What opening this summons means in law", explain, StringComparison.Ordinal);
        Assert.Contains("counts as receiving it", explain, StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(citizen, "a summons before opening");
        await Browser.ScreenshotAsync(citizen, "account-summons");
        await citizen.ClickAsync("button:has-text('Open the summons')");
        Assert.Contains("You have opened the summons", await citizen.TextContentAsync("[role=status]") ?? "", StringComparison.Ordinal);
        var exitBan = citizen.Locator("article.restriction.exit");
        Assert.Equal(1, await exitBan.CountAsync());
        var reason = await exitBan.TextContentAsync() ?? "";
        Assert.Contains("May not leave the country", reason, StringComparison.Ordinal);
        Assert.Contains("53-FZ art. 7.1 part 2", reason, StringComparison.Ordinal);
        Assert.Contains("exit-ban", reason, StringComparison.Ordinal);
        Assert.Contains("demo-000001-s1", reason, StringComparison.Ordinal);
        Assert.Contains("Appear in person at the enlistment office", reason, StringComparison.Ordinal);
        await Browser.AssertAccessibleAsync(citizen, "a summons after opening");

        // 3. The console: the Moscow clerk finds him by passport, sees the chart, records the appearance.
        var clerk = await browser.NewPageAsync();
        await Browser.SignInAsync(clerk, "clerk");
        Assert.EndsWith("/console", clerk.Url, StringComparison.Ordinal);
        await clerk.FillAsync("#q", passport);
        await clerk.ClickAsync("form[role=search] button");
        await clerk.ClickAsync("a[href='/console/persons/demo-000001']");
        Assert.Equal("7", (await clerk.TextContentAsync("#status .count"))!.Trim());
        Assert.Equal(1, await clerk.Locator("svg.chart").CountAsync());
        await Browser.AssertAccessibleAsync(clerk, "the person's card");
        await Browser.ScreenshotAsync(clerk, "console-card");
        await clerk.ClickAsync("#record-appearance");
        Assert.Contains("The appearance is recorded", await clerk.TextContentAsync("[role=status]") ?? "", StringComparison.Ordinal);
        Assert.Equal(1, await clerk.Locator("#no-restrictions").CountAsync());
        await Browser.AssertAccessibleAsync(clerk, "the card after the appearance");
        await Browser.ScreenshotAsync(clerk, "console-after-appearance");

        // 4. The border again, from the machine-readable zone: ALLOW.
        await border.GotoAsync("/border");
        await border.FillAsync("#mrz", mrz);
        await border.ClickAsync("button.big");
        Assert.Equal("allow", await border.GetAttributeAsync("h1.verdict-word", "data-decision"));
        await Browser.AssertAccessibleAsync(border, "the ALLOW verdict");
        await Browser.ScreenshotAsync(border, "border-allow", fullPage: false);

        // 5. And the person sees it lifted.
        await citizen.GotoAsync("/account");
        Assert.Contains("No restrictions apply to you now.", await citizen.TextContentAsync("section:has(#in-force)") ?? "", StringComparison.Ordinal);
        Assert.Contains("Lifted", await citizen.TextContentAsync("section:has(#notices)") ?? "", StringComparison.Ordinal);

        // The register's sweeper sends him a message for each lift (within a few seconds).
        for (var i = 0; i < 30 && await citizen.Locator("li.message.lifted").CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await citizen.ReloadAsync();
        }

        Assert.True(await citizen.Locator("li.message.lifted").CountAsync() > 0, await citizen.TextContentAsync("section:has(#messages)"));
        await Browser.AssertAccessibleAsync(citizen, "the account after the lift");
    }

    /// <summary>The Moscow man's passport, birth date and MRZ, as `muster serve --demo` printed them.</summary>
    private (string Passport, string BirthDate, string Mrz) MoscowPassport()
    {
        var man = DemoTraveller.Moscow(browser.Server.Output);
        return (man.Passport, man.BirthDate, man.Mrz);
    }
}
