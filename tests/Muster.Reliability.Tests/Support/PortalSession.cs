using System.Net;
using System.Text.RegularExpressions;

namespace Muster.Reliability.Tests.Support;

/// <summary>
/// The portals as a browser uses them, over plain HTTP on loopback: the sign-in form with its anti-forgery
/// token, then pages with the session cookie. The cookies are carried by hand: the session cookie is
/// Secure, which a browser sends to http://127.0.0.1 but an HttpClient cookie container does not.
/// </summary>
public sealed partial class PortalSession
{
    private static readonly HttpClient Http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _server;
    private readonly string _cookies;

    private PortalSession(Uri server, string cookies)
    {
        _server = server;
        _cookies = cookies;
    }

    /// <summary>A local account for the portals, made with the real `muster users create`.</summary>
    public static Task CreateUserAsync(string db, string username, string password, params string[] options) =>
        MusterCli.RunAsync(["users", "create", "--db", db, "--username", username, "--password", password, .. options]);

    /// <summary>Posts the sign-in form; the session when it worked (a redirect with the session cookie), and the answer either way.</summary>
    public static async Task<(HttpResponseMessage Answer, string Body, PortalSession? Session)> SignInAsync(
        Uri server, string username, string password, Action<HttpRequestMessage>? configure = null)
    {
        using var form = new HttpRequestMessage(HttpMethod.Get, new Uri(server, "/signin"));
        configure?.Invoke(form);
        using var page = await Http.SendAsync(form);
        var html = await page.Content.ReadAsStringAsync();
        var token = Token().Match(html).Groups[1].Value;
        var csrf = CookiesOf(page);

        var post = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/signin"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = username, ["password"] = password, ["__csrf"] = WebUtility.HtmlDecode(token) }),
        };
        post.Headers.Add("Cookie", csrf);
        configure?.Invoke(post);
        var answer = await Http.SendAsync(post);
        var body = await answer.Content.ReadAsStringAsync();
        var session = CookiesOf(answer);
        return (answer, body, answer.StatusCode == HttpStatusCode.Redirect && session.Contains("muster.session=", StringComparison.Ordinal)
            ? new PortalSession(server, session + "; " + csrf)
            : null);
    }

    public async Task<(HttpResponseMessage Answer, string Body)> GetAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server, path));
        request.Headers.Add("Cookie", _cookies);
        configure?.Invoke(request);
        var answer = await Http.SendAsync(request);
        return (answer, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form of the page at <paramref name="path"/> as a browser would: with the page's anti-forgery token.</summary>
    public async Task<(HttpResponseMessage Answer, string Body)> PostFormAsync(string path, Dictionary<string, string> fields, Action<HttpRequestMessage>? configure = null)
    {
        var (_, page) = await GetAsync(path, configure);
        fields["__csrf"] = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server, path)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", _cookies);
        configure?.Invoke(request);
        var answer = await Http.SendAsync(request);
        return (answer, await answer.Content.ReadAsStringAsync());
    }

    public static async Task<(HttpResponseMessage Answer, string Body)> GetAnonymousAsync(Uri server, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, path));
        configure?.Invoke(request);
        var answer = await Http.SendAsync(request);
        return (answer, await answer.Content.ReadAsStringAsync());
    }

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__csrf\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
