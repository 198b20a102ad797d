using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Muster.Cli.Server.Auth;

namespace Muster.Cli.Portal.Auth;

/// <summary>
/// Sign-in to the portals: a cookie of its own (never the API's bearer keys), holding who the user is
/// and the scope of their role; the same <see cref="Caller"/> the API uses is built from it, so the
/// portals and the API apply one set of scope rules.
/// </summary>
public static class PortalAuth
{
    public const string Scheme = "MusterPortal";
    public const string OidcScheme = "MusterOidc";
    public const string CookieName = "muster.session";

    public const string PersonClaim = "muster:person";
    public const string OfficeClaim = "muster:office";
    public const string RegionClaim = "muster:region";
    public const string SourceClaim = "muster:source";

    /// <summary>Policy names: who may open which portal.</summary>
    public const string Citizens = "portal:citizen";
    public const string Officials = "portal:console";
    public const string BorderOfficers = "portal:border";
    public const string Administration = "portal:admin";

    public static void AddPolicies(AuthorizationOptions options)
    {
        Add(options, Citizens, Roles.Citizen);
        Add(options, Officials, Roles.Clerk, Roles.Admin);
        Add(options, BorderOfficers, Roles.Border);
        Add(options, Administration, Roles.Admin, Roles.Auditor);
    }

    private static void Add(AuthorizationOptions options, string name, params string[] roles) =>
        options.AddPolicy(name, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(roles));

    /// <summary>The signed-in principal: username, role and scope (a citizen's person, a clerk's office and its region).</summary>
    public static ClaimsPrincipal Principal(string username, string? name, string role, string? personId, string? office, string? region, string source)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, username),
            new(ClaimTypes.Name, name ?? username),
            new(ClaimTypes.Role, role),
            new(SourceClaim, source),
        };
        if (personId is not null)
        {
            claims.Add(new Claim(PersonClaim, personId));
        }

        if (office is not null)
        {
            claims.Add(new Claim(OfficeClaim, office));
        }

        if (region is not null)
        {
            claims.Add(new Claim(RegionClaim, region));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller the register's rules are applied to; null when no one is signed in.</summary>
    public static Caller? CallerOf(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.Identity.AuthenticationType != Scheme)
        {
            return null;
        }

        var username = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var role = user.FindFirstValue(ClaimTypes.Role);
        return username is null || role is null
            ? null
            : new Caller("user:" + username, role, user.FindFirstValue(OfficeClaim), user.FindFirstValue(RegionClaim), null, user.FindFirstValue(PersonClaim)) { User = username };
    }

    /// <summary>Where a role's portal is.</summary>
    public static string HomeOf(string? role) => role switch
    {
        Roles.Citizen => "/account",
        Roles.Clerk => "/console",
        Roles.Border => "/border",
        Roles.Admin or Roles.Auditor => "/admin",
        _ => "/",
    };
}
