using System.Reflection;

namespace Muster.Cli.Portal;

/// <summary>The portals' one style sheet, embedded in the program (Portal/Assets/muster.css), served with a long cache life.</summary>
public static class PortalAssets
{
    public const string Prefix = "/portal";

    private static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Muster.Cli.Portal.Assets.muster.css")
            ?? throw new InvalidOperationException("the style sheet is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void MapPortalAssets(this WebApplication app) =>
        app.MapGet(Prefix + "/muster.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Css.Value, "text/css; charset=utf-8");
        }).ExcludeFromDescription().DisableRateLimiting();
}
