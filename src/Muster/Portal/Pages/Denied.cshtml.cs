using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Muster.Cli.Portal.Pages;

/// <summary>Where a signed-in user lands when their role may not open a page: answered with 403.</summary>
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
