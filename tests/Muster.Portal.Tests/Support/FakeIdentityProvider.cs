using System.Globalization;
using System.Net;
using System.Text;

namespace Muster.Portal.Tests.Support;

/// <summary>
/// Just enough of an OpenID Connect provider to see where the portals send the browser: a discovery
/// document, and an authorization endpoint that answers with a page (no tokens are ever issued).
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public FakeIdentityProvider()
    {
        Authority = $"http://127.0.0.1:{PortalServer.FreePort().ToString(CultureInfo.InvariantCulture)}";
        _listener.Prefixes.Add(Authority + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Authority { get; }

    public string AuthorizationEndpoint => Authority + "/authorize";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var (type, body) = context.Request.Url!.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => ("application/json", $$"""
                    {"issuer":"{{Authority}}","authorization_endpoint":"{{AuthorizationEndpoint}}","token_endpoint":"{{Authority}}/token",
                     "jwks_uri":"{{Authority}}/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"],"code_challenge_methods_supported":["S256"]}
                    """),
                "/jwks" => ("application/json", """{"keys":[]}"""),
                _ => ("text/html; charset=utf-8", "<!doctype html><html lang=\"en\"><title>Identity provider</title><h1>Identity provider</h1></html>"),
            };
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = type;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
#pragma warning disable VSTHRD003 // the serving loop is this object's own task, started in its constructor
        await _serving.WaitAsync(TimeSpan.FromSeconds(5));
#pragma warning restore VSTHRD003
    }
}
