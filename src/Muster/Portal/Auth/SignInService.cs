using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Muster.Cli.Server.Auth;
using Muster.Storage.Api;
using Muster.Storage.Portal;
using NodaTime;

namespace Muster.Cli.Portal.Auth;

/// <summary>
/// Who may sign in, and as what: a local account (username and password, checked against its salted
/// hash) or an identity provider's token (its claims name the Muster role and scope). Either way the
/// session holds the role's scope, with a clerk's office resolved to its region.
/// </summary>
public sealed class SignInService(IPortalDirectory users, IRegisterDirectory directory, IClock clock, ILogger<SignInService> log)
{
    public const string Local = "local";
    public const string Oidc = "oidc";

    /// <summary>The principal for a good username and password; null otherwise (the same answer, and about the same time, for an unknown name).</summary>
    public async Task<ClaimsPrincipal?> CheckPasswordAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindUserAsync(username.Trim(), cancellationToken);
        if (!Passwords.Verify(username, user?.PasswordHash ?? Passwords.Decoy, password) || user is null || user.DisabledAt is not null)
        {
            // Not the name typed: it may be anything, a national id or someone's name among them.
            log.LogWarning("portal sign-in refused: unknown user, wrong password or disabled account");
            return null;
        }

        return await PrincipalAsync(user.Username, user.Name, user.Role, user.PersonId, user.Office, Local, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> PrincipalAsync(string username, string? name, string role, string? personId, string? office, string source, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role) || role == Roles.Agency || (role == Roles.Citizen && personId is null) || (role == Roles.Clerk && office is null))
        {
            log.LogWarning("portal sign-in of {Username}: role {Role} without its scope cannot use the portals", username, role);
            return null;
        }

        string? region = null;
        if (office is not null)
        {
            region = (await directory.FindOfficeAsync(office, cancellationToken))?.Region;
            if (region is null)
            {
                log.LogWarning("portal sign-in of {Username}: office {Office} is not registered", username, office);
                return null;
            }
        }

        return PortalAuth.Principal(username, name, role, role == Roles.Citizen ? personId : null, office, region, source);
    }

    /// <summary>Every request: a local account that was disabled or changed since sign-in ends the session.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.FindFirstValue(PortalAuth.SourceClaim) != Local)
        {
            return;
        }

        var username = context.Principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var users = context.HttpContext.RequestServices.GetRequiredService<IPortalDirectory>();
        var user = username is null ? null : await users.FindUserAsync(username, context.HttpContext.RequestAborted);
        if (user is null || user.DisabledAt is not null || user.Role != context.Principal.FindFirstValue(ClaimTypes.Role)
            || user.PersonId != context.Principal.FindFirstValue(PortalAuth.PersonClaim) || user.Office != context.Principal.FindFirstValue(PortalAuth.OfficeClaim))
        {
            context.RejectPrincipal();
        }
    }

    /// <summary>OpenID Connect: the identity provider's claims become a Muster session, or the sign-in fails.</summary>
    public static async Task FromIdentityProviderAsync(TokenValidatedContext context)
    {
        var settings = context.HttpContext.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.Oidc!;
        var service = context.HttpContext.RequestServices.GetRequiredService<SignInService>();
        var token = context.Principal!;
        var username = token.FindFirstValue(settings.UsernameClaim) ?? token.FindFirstValue("sub");
        var role = token.FindFirstValue(settings.RoleClaim);
        var principal = username is null || role is null
            ? null
            : await service.PrincipalAsync(username, token.FindFirstValue("name"), role, token.FindFirstValue(settings.PersonClaim), token.FindFirstValue(settings.OfficeClaim), Oidc, context.HttpContext.RequestAborted);
        if (principal is null)
        {
            context.Fail($"the identity provider's token has no usable Muster role ({settings.RoleClaim}) and scope");
            return;
        }

        context.Principal = principal;
    }

    public Instant Now => clock.GetCurrentInstant();
}
