using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Muster.Cli.Portal.Auth;
using Muster.Cli.Portal.Text;

namespace Muster.Cli.Portal.Pages;

/// <summary>Sign-in with a local account (username and password) or, when configured, the identity provider.</summary>
public sealed class SignInModel(SignInService signIn, SignInThrottle throttle, IOptions<PortalOptions> options, PortalText text, ILogger<SignInModel> log) : PageModel
{
    public string? Error { get; private set; }

    public string? Username { get; private set; }

    public string? ReturnUrl { get; private set; }

    public string? OidcName => options.Value.Oidc is { IsConfigured: true } oidc ? oidc.DisplayName : null;

    public bool Demo => options.Value.Demo;

    public void OnGet(string? returnUrl) => ReturnUrl = Languages.IsLocal(returnUrl) ? returnUrl : null;

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? returnUrl)
    {
        ReturnUrl = Languages.IsLocal(returnUrl) ? returnUrl : null;
        Username = username;
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            Error = text["Enter your username and password."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var address = HttpContext.Connection.RemoteIpAddress;
        if (throttle.Wait(username, address) is { } wait)
        {
            // Refused before the password is checked: an early attempt reveals nothing, and the wait cannot be skipped.
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            log.LogWarning("portal sign-in refused without a check: too many failures for the username or from {Address}; {Seconds} s to wait", address, seconds);
            Error = text.Format("Too many failed sign-ins for this username or from this address. Try again in {0} seconds.", seconds);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }

        var principal = await signIn.CheckPasswordAsync(username, password, HttpContext.RequestAborted);
        if (principal is null)
        {
            throttle.Failed(username, address);
            Error = text["The username or password is wrong."];
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        throttle.Succeeded(username);
        await HttpContext.SignInAsync(PortalAuth.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(ReturnUrl ?? PortalAuth.HomeOf(principal.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value));
    }

    /// <summary>
    /// To the identity provider. Back from it, the session cookie (SameSite=Strict) is not sent on the
    /// provider-initiated redirect, so the way home passes through /signin/complete, a page of ours.
    /// </summary>
    public IActionResult OnPostOidc(string? returnUrl)
    {
        if (OidcName is null)
        {
            return NotFound();
        }

        var next = Languages.IsLocal(returnUrl) ? returnUrl! : "/";
        return Challenge(new AuthenticationProperties { RedirectUri = "/signin/complete?returnUrl=" + Uri.EscapeDataString(next) }, PortalAuth.OidcScheme);
    }
}
