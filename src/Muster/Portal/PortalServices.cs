using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Muster.Cli.Portal.Auth;
using Muster.Cli.Portal.Text;
using Muster.Storage.Portal;

namespace Muster.Cli.Portal;

/// <summary>
/// The web portals (personal account, enlistment office console, border post, administration):
/// server-rendered Razor Pages under Portal/Pages, usable without JavaScript, in Russian and English.
/// Their own cookie sign-in (local accounts or OpenID Connect), anti-forgery on every form, and
/// security headers. The register's work is done by the same code as the JSON API's.
/// </summary>
public static class PortalServices
{
    public static readonly CultureInfo[] Cultures = [new("ru-RU"), new("en-GB")];

    public static IServiceCollection AddMusterPortal(this IServiceCollection services, IConfiguration configuration, IPortalDirectory portalDirectory)
    {
        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section);
        services.AddSingleton(portalDirectory);
        services.AddSingleton<PortalText>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<SignInThrottle>();
        // Russian text as itself, not as &#x...; entities (markup characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Portal/Pages";
            o.Conventions.AuthorizeFolder("/Account", PortalAuth.Citizens);
            o.Conventions.AuthorizeFolder("/Console", PortalAuth.Officials);
            o.Conventions.AuthorizeFolder("/Border", PortalAuth.BorderOfficers);
            o.Conventions.AuthorizeFolder("/Admin", PortalAuth.Administration);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "muster.csrf";
            // Secure whenever the request is HTTPS (production: TLS at Kestrel, or at a proxy with
            // TrustForwardedProto). ASP.NET Core refuses an always-Secure anti-forgery cookie on plain
            // HTTP, which the loopback demo and the tests use; the session cookie is Secure always.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__csrf";
            o.SuppressXFrameOptionsHeader = true; // SecurityHeaders sets it on every page
        });
        services.AddAuthorization(PortalAuth.AddPolicies);

        var authentication = services.AddAuthentication().AddCookie(PortalAuth.Scheme, o =>
        {
            o.Cookie.Name = PortalAuth.CookieName;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(Math.Max(1, options.SessionMinutes));
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = SignInService.ValidateAsync;
        });
        if (options.Oidc is { IsConfigured: true } oidc)
        {
            authentication.AddOpenIdConnect(PortalAuth.OidcScheme, oidc.DisplayName, o =>
            {
                o.SignInScheme = PortalAuth.Scheme;
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-oidc";
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Events.OnTokenValidated = SignInService.FromIdentityProviderAsync;
            });
        }

        if (configuration["Muster:Portal:KeysDirectory"] is { Length: > 0 } keys)
        {
            // Several nodes behind a load balancer must share the keys that protect the cookies.
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("muster");
        }

        return services;
    }

    /// <summary>
    /// The portals' headers: called first of all, so that every portal response carries them — also the
    /// redirects and refusals that authorization (in the API's part, before the portals') answers itself.
    /// </summary>
    public static WebApplication UseMusterPortalHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value;
        app.UseWhen(SecurityHeaders.IsPortal, portal =>
        {
            if (options.TrustForwardedProto)
            {
                portal.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto });
            }

            portal.UseMiddleware<SecurityHeaders>();
        });
        return app;
    }

    /// <summary>The portals' part of the pipeline; called after the API's (its authentication and authorization come first).</summary>
    public static WebApplication UseMusterPortal(this WebApplication app)
    {
        app.UseWhen(SecurityHeaders.IsPortal, portal =>
        {
            portal.UseRequestLocalization(o =>
            {
                o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
                o.SupportedCultures = Cultures;
                o.SupportedUICultures = Cultures;
                o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = Languages.CookieName }, new AcceptLanguageHeaderRequestCultureProvider()];
                o.FallBackToParentCultures = true;
                o.FallBackToParentUICultures = true;
            });
            portal.Use(async (context, next) =>
            {
                // The API's authentication reads bearer keys only; on the portals the session cookie says who is there.
                var result = await context.AuthenticateAsync(PortalAuth.Scheme);
                if (result.Succeeded)
                {
                    context.User = result.Principal;
                }

                await next(context);
            });
        });
        app.MapRazorPages();
        app.MapPortalAssets();
        Languages.Map(app);
        return app;
    }
}
