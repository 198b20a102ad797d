using System.Net;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Access;

/// <summary>
/// Brute force at the portals' sign-in is slowed: after five failures for a username every further
/// attempt must wait (1 s, 2 s, 4 s … by default; from 5 s here) and one made too early is refused with 429, Retry-After and a
/// message — even with the right password, which is not checked then; after the wait the right password
/// works. Twenty failures from one address, over any usernames, slow that address the same way.
/// </summary>
public sealed class SignInThrottling(SqliteApiServer api, ITestOutputHelper output) : IClassFixture<SqliteApiServer>
{
    private const string Password = "the-right-password-1";

    [Fact]
    public async Task Guessing_passwords_is_slowed_per_username_and_per_address_with_429_and_Retry_After()
    {
        await PortalSession.CreateUserAsync(api.Db, "victim", Password, "--role", "auditor");

        // The first wait is 5 s here (1 s by default), so that on a busy machine the next attempt surely comes within it.
        await using var server = await MusterServer.StartAsync(api.Db, api.ClockFile, new Dictionary<string, string> { ["Portal__SignIn__FirstDelaySeconds"] = "5" });
        var address = server.Address;
        for (var i = 0; i < 5; i++)
        {
            var (wrong, _, _) = await PortalSession.SignInAsync(address, "victim", $"guess-{i}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var (early, earlyPage, earlySession) = await PortalSession.SignInAsync(address, "victim", Password, r => r.Headers.AcceptLanguage.ParseAdd("en-GB"));
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.Null(earlySession);
        Assert.Contains("Too many failed sign-ins", earlyPage, StringComparison.Ordinal);
        var wait = early.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("no Retry-After on the 429");
        Assert.InRange(wait.TotalSeconds, 1, 5);
        Assert.Contains("frame-ancestors 'none'", early.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        await Task.Delay(wait + TimeSpan.FromMilliseconds(300));
        var (_, _, session) = await PortalSession.SignInAsync(address, "victim", Password);
        Assert.NotNull(session);

        // One address, many usernames, each tried once: the address is slowed once it has twenty failures (five are above;
        // the attempt refused unchecked was no failure).
        HttpResponseMessage? refused = null;
        var tried = 0;
        while (refused is null && tried < 40)
        {
            var (answer, _, _) = await PortalSession.SignInAsync(address, $"nobody-{tried++}", "not-a-password-1");
            refused = answer.StatusCode == HttpStatusCode.TooManyRequests ? answer : null;
        }

        Figures.Report(output, "access-sign-in-throttling",
            $"5 wrong passwords for one username, then 429 with Retry-After {wait.TotalSeconds:F0} s (the right password refused unchecked), signed in after the wait; " +
            $"{tried} single attempts with other usernames from the same address until 429 ({5 + tried - 1} failures from it)");
        Assert.NotNull(refused);
        Assert.Equal(20, 5 + tried - 1);
        Assert.NotNull(refused!.Headers.RetryAfter);
    }
}
