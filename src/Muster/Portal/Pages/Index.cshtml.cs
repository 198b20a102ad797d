using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Muster.Cli.Portal.Auth;

namespace Muster.Cli.Portal.Pages;

/// <summary>The home page: what the portals are, and the way to one's own.</summary>
public sealed class IndexModel : PageModel
{
    public string? Home { get; private set; }

    public void OnGet()
    {
        if (PortalAuth.CallerOf(User) is not null)
        {
            Home = PortalAuth.HomeOf(User.FindFirstValue(ClaimTypes.Role));
        }
    }
}
