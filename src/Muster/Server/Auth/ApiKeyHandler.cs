using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Muster.Cli.Server.Auth;

/// <summary>
/// Authenticates `Authorization: Bearer KEY`. A request without the header is anonymous (endpoints
/// that need a key answer 401); a wrong, unknown or revoked key is 401 too. The caller is put on the
/// request for handlers (<see cref="Caller"/>) and as a role claim for authorization.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyResolver keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer KEY'");
        }

        var caller = await keys.ResolveHashAsync(PresentedKeys.HashOf(Context, header), Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        Context.Features.Set(caller);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, caller.KeyId), new Claim(ClaimTypes.Role, caller.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
