using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Muster.Cli.Portal.Auth;

namespace Muster.Cli.Portal.Pages;

/// <summary>After the identity provider: a same-site step home, so the SameSite=Strict session cookie is sent.</summary>
public sealed class SignInCompleteModel : PageModel
{
    public string Next { get; private set; } = "/";

    public void OnGet(string? returnUrl) =>
        Next = Languages.IsLocal(returnUrl) && returnUrl != "/" ? returnUrl! : PortalAuth.HomeOf(User.FindFirstValue(ClaimTypes.Role));
}
