using System.Reflection;

namespace Muster.Cli.Server.Auth;

/// <summary>
/// Who is calling, as their API key says: role, and the scope of the role (a clerk's office and its
/// region, an agency's code, a citizen's person id). Handlers take it as a parameter; it is bound from
/// the request the API-key handler authenticated.
/// </summary>
public sealed record Caller(string KeyId, string Role, string? Office, string? Region, string? Agency, string? PersonId)
{
    /// <summary>A portal user signed in with a password or OpenID Connect (src/Muster/Portal); null for an API key.</summary>
    public string? User { get; init; }

    /// <summary>The actor recorded on facts and in the access log.</summary>
    public string Actor => User is { } user ? $"user:{user}" : $"key:{KeyId}";

    /// <summary>Officials' reads of a person's data are recorded in the access log; a person's reads of their own are not.</summary>
    public bool IsOfficial => Role != Roles.Citizen;

    public bool Is(string role) => Role == role;

    /// <summary>Whether this caller may see the record of a person living in <paramref name="region"/>.</summary>
    public bool MaySee(string personId, string region) => Role switch
    {
        Roles.Admin or Roles.Auditor or Roles.Agency => true,
        Roles.Clerk => Region == region,
        Roles.Citizen => PersonId == personId,
        _ => false,
    };

    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<Caller?>(Of(context));

    /// <summary>The caller the API-key handler authenticated; only an endpoint that requires authorization may ask.</summary>
    public static Caller Of(HttpContext context) =>
        context.Features.Get<Caller>() ?? throw new InvalidOperationException("an endpoint that takes a Caller must require authorization");
}
