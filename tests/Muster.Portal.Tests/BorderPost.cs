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
}
