using Microsoft.AspNetCore.Authorization;

namespace Muster.Cli.Server.Auth;

/// <summary>Which roles an endpoint admits: enforced by authorization, and shown on the API reference page.</summary>
public sealed record AllowedRoles(IReadOnlyList<string> Roles);

public static class EndpointRoles
{
    /// <summary>Only keys of these roles get past authorization (others: 403; no key: 401). Scope checks (region, own record) come after, in the handler.</summary>
    public static TBuilder AllowRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        var policy = new AuthorizationPolicyBuilder(ApiKeyHandler.SchemeName).RequireAuthenticatedUser().RequireRole(roles).Build();
        return builder.RequireAuthorization(policy).WithMetadata(new AllowedRoles(roles));
    }
}
