using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Muster.Cli.Portal.Auth;
using Muster.Cli.Portal.Text;

namespace Muster.Cli.Portal.Pages;

/// <summary>Sign-in with a local account (username and password) or, when configured, the identity provider.</summary>
public sealed class SignInModel(SignInService signIn, IOptions<PortalOptions> options, PortalText text) : PageModel
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

        var principal = await signIn.CheckPasswordAsync(username, password, HttpContext.RequestAborted);
        if (principal is null)
        {
            Error = text["The username or password is wrong."];
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

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
