using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Muster.Cli.Portal.Auth;

namespace Muster.Cli.Portal.Pages;

/// <summary>Signing out is a form (POST, with its anti-forgery token), never a link another site could make the browser follow.</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PortalAuth.Scheme);
        return LocalRedirect("/");
    }
}
