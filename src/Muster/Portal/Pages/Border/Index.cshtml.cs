using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Muster.Cli.Portal.Auth;
using Muster.Cli.Portal.Rendering;
using Muster.Cli.Server.Apis;
using Muster.Cli.Server.Border;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Register;

namespace Muster.Cli.Portal.Pages.Border;

/// <summary>
/// The border post: a passport's machine-readable zone (two or three lines, pasted or typed) or the
/// document number, issuing state and birth date → ALLOW, DENY or REFER over the whole screen, with
/// how the traveller was identified and a reference number. No reasons, no person data, nothing to
/// lift: only the person's enlistment office can lift a ban. The check is the JSON API's own (and
/// goes to the access log the same way).
/// </summary>
public sealed class IndexModel(TravellerCheck check, RegisterService register, ILogger<TravellerCheck> log) : PageModel
{
    public BorderCheckResponse? Result { get; private set; }

    public string? Error { get; private set; }

    public string? ErrorField { get; private set; }

    public string? Mrz { get; private set; }

    public string? DocumentNumber { get; private set; }

    public string IssuingState { get; private set; } = "RUS";

    public string? BirthDate { get; private set; }

    /// <summary>allow, deny or refer: also the CSS class of the verdict screen.</summary>
    public string? Decision => Result?.Decision;

    /// <summary>The verdict word's text key.</summary>
    public string Word => Decision switch
    {
        TravellerCheck.Allow => "ALLOW",
        TravellerCheck.Deny => "DENY",
        _ => "REFER",
    };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? mrz, string? documentNumber, string? issuingState, string? birthDate, CancellationToken cancellationToken)
    {
        Mrz = string.IsNullOrWhiteSpace(mrz) ? null : mrz.Trim();
        DocumentNumber = Blank(documentNumber);
        IssuingState = Blank(issuingState) ?? "RUS";
        BirthDate = Blank(birthDate);
        if (Mrz is null && DocumentNumber is null)
        {
            Error = "mrz: paste the machine-readable zone, or type the document number, issuing state and birth date";
            ErrorField = "mrz";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var request = Mrz is not null
            ? new BorderCheckRequest(Mrz, null, null, null)
            : new BorderCheckRequest(null, DocumentNumber, IssuingState, BirthDate);
        var (answer, rejected) = await BorderApi.CheckTravellerAsync(request, PortalAuth.CallerOf(User)!, check, register, log, cancellationToken);
        if (rejected?.ProblemDetails is { } problem)
        {
            Error = problem.Detail;
            ErrorField = Outcomes.FieldOf(problem);
            Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            return Page();
        }

        Result = answer;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
