namespace Muster.Portal.Tests;

/// <summary>Administration: the policies rendered from the policy files, the audit-chain check, the access log.</summary>
[Collection(PortalCollection.Name)]
public sealed class Administration(Browser browser)
{
    [Fact]
    public async Task The_admin_sees_the_policies_checks_the_audit_chain_and_reads_the_access_log()
    {
        var page = await browser.NewPageAsync();
        await Browser.SignInAsync(page, "admin");
        Assert.EndsWith("/admin", page.Url, StringComparison.Ordinal);
        var policies = await page.TextContentAsync("section:has(#policies)") ?? "";
        foreach (var expected in new[] { "ru-2023", "ru-2026", "exit-ban", "interim-measures", "412-FZ", "53-FZ art. 7.1 part 2" })
        {
            Assert.Contains(expected, policies, StringComparison.Ordinal);
        }

        await page.ClickAsync("button:has-text('Check the audit chain now')");
        Assert.Contains("Intact", await page.TextContentAsync("#audit-result") ?? "", StringComparison.Ordinal);
        Assert.True(await page.Locator("section:has(#users) tbody tr").CountAsync() >= 7);
        await Browser.AssertAccessibleAsync(page, "the administration page");
        await Browser.ScreenshotAsync(page, "admin");
    }
}
