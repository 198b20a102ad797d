using Microsoft.AspNetCore.Localization;

namespace Muster.Cli.Portal;

/// <summary>
/// The portals speak Russian and English: the language comes from Accept-Language until the user
/// picks one with the switch in the header (GET /lang/ru or /lang/en), which is kept in a cookie.
/// </summary>
public static class Languages
{
    public const string CookieName = "muster.lang";

    public static void Map(WebApplication app) =>
        app.MapGet("/lang/{code}", (string code, string? returnUrl, HttpContext context) =>
        {
            var culture = code switch
            {
                "ru" => "ru-RU",
                "en" => "en-GB",
                _ => null,
            };
            if (culture is null)
            {
                return Results.NotFound();
            }

            context.Response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
            {
                Secure = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();

    /// <summary>Only paths of this site ("/x", not "//host" or "/\host"): no open redirects.</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
