using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Muster.Cli.Server.Auth;

namespace Muster.Cli.Server.Apis;

/// <summary>
/// What needs no key: liveness (/healthz), the OpenAPI document (/openapi/v1.json) and the API
/// reference page (/docs), generated from the endpoints themselves so it cannot drift from them.
/// ("/" is the portals' home page, src/Muster/Portal; /readyz and /metrics are Server/Operations'.)
/// </summary>
public static class DocsApi
{
    public static IEndpointRouteBuilder MapDocsApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz").DisableRateLimiting();
        app.MapOpenApi().DisableRateLimiting();
        app.MapGet("/docs", Reference).ExcludeFromDescription().DisableRateLimiting();
        return app;
    }

    public static IResult Reference(EndpointDataSource endpoints)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Muster API reference</title>
            <style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
            code{font-size:.95em}.m{font-weight:bold}</style></head><body>
            <h1>Muster API reference</h1>
            <p>JSON, camelCase; instants ISO-8601 UTC; local dates YYYY-MM-DD. Authenticate with <code>Authorization: Bearer KEY</code>
            (keys: <code>muster keys create</code>). Every error is an RFC 9457 problem (<code>application/problem+json</code>) naming the field.
            Machine-readable: <a href="/openapi/v1.json">/openapi/v1.json</a>. Roles and scopes: docs/security.md; examples: docs/api.md.</p>
            <table><tr><th>method</th><th>path</th><th>what</th><th>roles</th></tr>
            """);
        var rows = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Select(e => (
                Method: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET",
                Path: e.RoutePattern.RawText!.TrimEnd('/'),
                Summary: e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>()?.Summary ?? "",
                Roles: e.Metadata.GetMetadata<AllowedRoles>()?.Roles ?? []))
            .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal);
        foreach (var r in rows)
        {
            html.Append(FormattableString.Invariant($"<tr><td class=\"m\">{r.Method}</td><td><code>{WebUtility.HtmlEncode(r.Path)}</code></td><td>{WebUtility.HtmlEncode(r.Summary)}</td><td>{WebUtility.HtmlEncode(string.Join(", ", r.Roles))}</td></tr>\n"));
        }

        html.Append("<tr><td class=\"m\">GET</td><td><code>/healthz</code></td><td>Liveness</td><td>anyone</td></tr>\n" +
            "<tr><td class=\"m\">GET</td><td><code>/readyz</code></td><td>Readiness: store reachable, migrations applied, sweeper lag (503 and Retry-After when not)</td><td>anyone</td></tr>\n" +
            "<tr><td class=\"m\">GET</td><td><code>/metrics</code></td><td>Prometheus metrics (can be off or kept to the monitoring network)</td><td>anyone</td></tr></table></body></html>\n");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
