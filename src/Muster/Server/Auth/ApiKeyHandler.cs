using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Muster.Cli.Server.Auth;

/// <summary>
/// Authenticates `Authorization: Bearer KEY`. A request without the header is anonymous (endpoints
/// that need a key answer 401); a wrong, unknown or revoked key is 401 too. The caller is put on the
/// request for handlers (<see cref="Caller"/>) and as a role claim for authorization.
/// </summary>
/// <remarks>
/// A plain <see cref="IAuthenticationHandler"/> rather than <see cref="AuthenticationHandler{TOptions}"/>:
/// the framework makes a handler for every request, and the base class's per-request set-up (a
/// logger made through the logger factory's lock, the scheme's options looked up, an events object)
/// serves options this scheme does not have (forwarding, events). What it does is kept: the result
/// is computed once per request however often it is asked for, and the same log events are written.
/// </remarks>
public sealed partial class ApiKeyHandler(KeyResolver keys, ILogger<ApiKeyHandler> log) : IAuthenticationHandler
{
    public const string SchemeName = "ApiKey";

    private HttpContext _context = null!;
    private Task<AuthenticateResult>? _result;

    /// <summary>Registers the scheme (the default one) and its handler, made once per request.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = SchemeName;
            o.AddScheme<ApiKeyHandler>(SchemeName, displayName: null);
        });
        services.AddTransient<ApiKeyHandler>();
    }

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _context = context;
        return Task.CompletedTask;
    }

    public async Task<AuthenticateResult> AuthenticateAsync()
    {
        // Answer once per request, however often the scheme is asked (the middleware, a policy naming it, a handler).
        var result = await (_result ??= AuthenticateOnceAsync());
        if (result.Failure is { } failure)
        {
            LogNotAuthenticatedWithFailure(log, SchemeName, failure.Message);
        }
        else if (result.Ticket?.Principal is not null)
        {
            LogAuthenticated(log, SchemeName);
        }
        else
        {
            LogNotAuthenticated(log, SchemeName);
        }

        return result;
    }

    public Task ChallengeAsync(AuthenticationProperties? properties)
    {
        _context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        _context.Response.Headers.WWWAuthenticate = "Bearer";
        LogChallenged(log, SchemeName);
        return Task.CompletedTask;
    }

    public Task ForbidAsync(AuthenticationProperties? properties)
    {
        _context.Response.StatusCode = StatusCodes.Status403Forbidden;
        LogForbidden(log, SchemeName);
        return Task.CompletedTask;
    }

    private async Task<AuthenticateResult> AuthenticateOnceAsync()
    {
        var header = _context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer KEY'");
        }

        var caller = await keys.ResolveHashAsync(PresentedKeys.HashOf(_context, header), _context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        _context.Features.Set(caller);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, caller.KeyId), new Claim(ClaimTypes.Role, caller.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // The framework's own events for a scheme's handler (Microsoft.AspNetCore.Authentication), same ids, levels and text.
    [LoggerMessage(EventId = 7, EventName = "AuthenticationSchemeNotAuthenticatedWithFailure", Level = LogLevel.Information, Message = "{AuthenticationScheme} was not authenticated. Failure message: {FailureMessage}")]
    private static partial void LogNotAuthenticatedWithFailure(ILogger logger, string authenticationScheme, string failureMessage);

    [LoggerMessage(EventId = 8, EventName = "AuthenticationSchemeAuthenticated", Level = LogLevel.Debug, Message = "AuthenticationScheme: {AuthenticationScheme} was successfully authenticated.")]
    private static partial void LogAuthenticated(ILogger logger, string authenticationScheme);

    [LoggerMessage(EventId = 9, EventName = "AuthenticationSchemeNotAuthenticated", Level = LogLevel.Debug, Message = "AuthenticationScheme: {AuthenticationScheme} was not authenticated.")]
    private static partial void LogNotAuthenticated(ILogger logger, string authenticationScheme);

    [LoggerMessage(EventId = 12, EventName = "AuthenticationSchemeChallenged", Level = LogLevel.Information, Message = "AuthenticationScheme: {AuthenticationScheme} was challenged.")]
    private static partial void LogChallenged(ILogger logger, string authenticationScheme);

    [LoggerMessage(EventId = 13, EventName = "AuthenticationSchemeForbidden", Level = LogLevel.Information, Message = "AuthenticationScheme: {AuthenticationScheme} was forbidden.")]
    private static partial void LogForbidden(ILogger logger, string authenticationScheme);
}
