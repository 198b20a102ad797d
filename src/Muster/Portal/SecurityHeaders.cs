using Microsoft.Extensions.Options;

namespace Muster.Cli.Portal;

/// <summary>
/// Headers on every portal response: a Content-Security-Policy that admits no script at all (the
/// portals need none) and no framing, no MIME sniffing, no referrer, no caching of pages that show
/// personal data, and over HTTPS Strict-Transport-Security. docs/security.md lists them.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<PortalOptions> options)
{
    private readonly string _policy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'"
        + (options.Value.Oidc is { IsConfigured: true } oidc && Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) ? " " + authority.GetLeftPart(UriPartial.Authority) : "")
        + "; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Everything but the JSON API, its reference pages and the operations endpoints is the portals'.</summary>
    public static bool IsPortal(HttpContext context)
    {
        var path = context.Request.Path;
        return !(path.StartsWithSegments("/api") || path.StartsWithSegments("/docs") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/healthz")
            || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics"));
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (!context.Request.Path.StartsWithSegments(PortalAssets.Prefix))
            {
                headers.CacheControl = "no-store";
            }

            if (context.Request.IsHttps)
            {
                // Over TLS (at Kestrel, or at a proxy with TrustForwardedProto): browsers keep to HTTPS for a year.
                // Never on plain HTTP, where it would mean nothing (RFC 6797) and the loopback demo runs.
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
