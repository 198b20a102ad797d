using Muster.Api.Tests.Support;

namespace Muster.Portal.Tests;

/// <summary>The border post's bad input: every error names the field at fault, and nothing is decided.</summary>
[Collection(PortalCollection.Name)]
public sealed class BorderPost(Browser browser)
{
    [Fact]
    public async Task A_misread_machine_readable_zone_or_a_missing_field_is_answered_with_the_field_not_a_verdict()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, "border");

        // A check digit that does not match (the birth date's, as a smudged scan would give).
        await page.FillAsync("#mrz", "P<RUSIVANOV<<IVAN<<<<<<<<<<<<<<<<<<<<<<<<<<<\n7500000015RUS9807180M3111253<<<<<<<<<<<<<<00");
        await page.ClickAsync("button.big");
        var error = await page.TextContentAsync("[role=alert]") ?? "";
        Assert.Contains("mrz.", error, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("h1.verdict-word").CountAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#mrz", "aria-invalid"));
        await Browser.AssertAccessibleAsync(page, "the border form with an error");

        // The printed data without the birth date.
        await page.FillAsync("#mrz", "");
        await page.FillAsync("#documentNumber", "750000001");
        await page.ClickAsync("button.big");
        Assert.Contains("birthDate", await page.TextContentAsync("[role=alert]") ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("h1.verdict-word").CountAsync());
    }

    [Fact]
    public async Task The_verdict_says_how_the_traveller_was_identified_in_the_officers_language()
    {
        // The Moscow man's MRZ with a passport the register does not know: found by his name and birth date.
        var man = DemoTraveller.Moscow(browser.Server.Output);
        var data = man.MrzLine2;
        var newPassport = Mrz.Td3("RUS", man.MrzLine1[5..], "ZZ1234567", "RUS", data[13..19], data[20], data[21..27]);
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, "border");
        await page.FillAsync("#mrz", newPassport);
        await page.ClickAsync("button.big");
        Assert.Equal("nameAndBirthDate", await page.GetAttributeAsync("#match", "data-match"));
        Assert.Contains("Identified by name and date of birth", await page.TextContentAsync("#match") ?? "", StringComparison.Ordinal);
        Assert.Contains(await page.GetAttributeAsync("h1.verdict-word", "data-decision"), new[] { "allow", "deny" });
        await Browser.AssertAccessibleAsync(page, "a verdict matched by name and birth date");

        // Nobody on the register has this name and birth date: allowed, and said so, in Russian.
        var ru = await browser.NewPageAsync(locale: "ru-RU");
        await Browser.SignInAsync(ru, "border");
        await ru.FillAsync("#mrz", Mrz.Td3("RUS", "NIKTO<<NIKOGO", "ZZ7654321", "RUS", "000101", 'M', "310101"));
        await ru.ClickAsync("button.big");
        Assert.Equal("allow", await ru.GetAttributeAsync("h1.verdict-word", "data-decision"));
        Assert.Equal("ВЫЕЗД РАЗРЕШЁН", (await ru.TextContentAsync("h1.verdict-word"))?.Trim());
        Assert.Equal("none", await ru.GetAttributeAsync("#match", "data-match"));
        Assert.Contains("В реестре никто не подходит", await ru.TextContentAsync("#match") ?? "", StringComparison.Ordinal);
    }
}
