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
        // No scheme named: the API key is the default scheme, so authorization reads the user the
        // authentication middleware already set, instead of authenticating again and merging principals.
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(roles).Build();
        return builder.RequireAuthorization(policy).WithMetadata(new AllowedRoles(roles));
    }
}
