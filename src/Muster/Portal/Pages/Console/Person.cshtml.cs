using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Muster.Cli.Portal.Auth;
using Muster.Cli.Portal.Rendering;
using Muster.Cli.Portal.Text;
using Muster.Cli.Server.Apis;
using Muster.Cli.Server.Auth;
using Muster.Cli.Server.Contracts;
using Muster.Cli.Server.Register;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Storage.Api;
using NodaTime;

namespace Muster.Cli.Portal.Pages.Console;

/// <summary>
/// A person's card in the console: the record, the restrictions now and what comes, the timeline as a
/// chart, the summonses and every fact. The clerk's acts — issue a summons, record hand-over or an
/// appearance, cancel, grant a deferment, retract a mistaken fact — are forms handled by the JSON
/// API's own handlers, so the portal and the API check and record exactly the same way.
/// </summary>
public sealed class PersonModel(RegisterService register, PortalText text) : PageModel
{
    public PersonRecord? Record { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public Instant Now { get; private set; }

    public PersonStatus Status { get; private set; } = null!;

    public Timeline Timeline { get; private set; } = null!;

    public IHtmlContent Chart { get; private set; } = HtmlString.Empty;

    public IReadOnlyList<RestrictionGroup> InForce { get; private set; } = [];

    public IReadOnlyList<RestrictionGroup> Upcoming { get; private set; } = [];

    public IReadOnlyList<SummonsRow> Summonses { get; private set; } = [];

    public IReadOnlyList<(Fact Fact, bool Retracted)> Facts { get; private set; } = [];

    /// <summary>For an admin, who must name the office an act is recorded for: the offices of the person's region.</summary>
    public IReadOnlyList<OfficeRecord> Offices { get; private set; } = [];

    public bool IsAdmin { get; private set; }

    public string? Done { get; private set; }

    public string? Error { get; private set; }

    public string? ErrorField { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string personId, string? done, CancellationToken cancellationToken)
    {
        Done = done is null ? null : text["done:" + done];
        return await LoadAsync(personId, cancellationToken);
    }

    public Task<IActionResult> OnPostPlaceAsync(string personId, string? appearanceAt, string? purpose, string? office, CancellationToken cancellationToken) =>
        ActAsync(personId, "placed", () => SummonsesApi.PlaceSummons(new PlaceSummonsRequest(personId, OfficeFor(office), Blank(purpose), appearanceAt), Caller, register, Request, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostHandAsync(string personId, string summonsId, CancellationToken cancellationToken) =>
        ActAsync(personId, "handed", () => SummonsesApi.HandSummons(summonsId, new HandedRequest(null), Caller, register, Request, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(string personId, string summonsId, string? reason, CancellationToken cancellationToken) =>
        ActAsync(personId, "cancelled", () => SummonsesApi.CancelSummons(summonsId, new ReasonRequest(Blank(reason)), Caller, register, Request, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAppearanceAsync(string personId, string? office, CancellationToken cancellationToken) =>
        ActAsync(personId, "appeared", () => AppearancesApi.RecordAppearance(new AppearanceRequest(personId, OfficeFor(office)), Caller, register, Request, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDefermentAsync(string personId, string? from, string? until, string? basis, CancellationToken cancellationToken) =>
        ActAsync(personId, "deferred", () => DefermentsApi.GrantDeferment(new DefermentRequest(personId, from, until, Blank(basis)), Caller, register, Request, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRetractAsync(string personId, string factId, string? reason, CancellationToken cancellationToken) =>
        ActAsync(personId, "retracted", () => FactsApi.RetractFact(factId, new ReasonRequest(Blank(reason)), Caller, register, Request, cancellationToken), cancellationToken);

    private Caller Caller => PortalAuth.CallerOf(User)!;

    /// <summary>A clerk acts for their own office (the API checks it); an admin names one.</summary>
    private string? OfficeFor(string? office) => Caller.Is(Roles.Clerk) ? null : Blank(office);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Runs an act; done: back to the card (POST-redirect-GET) saying so; refused: the card with the problem, naming the field.</summary>
    private async Task<IActionResult> ActAsync<TResult>(string personId, string done, Func<Task<TResult>> act, CancellationToken cancellationToken)
        where TResult : INestedHttpResult
    {
        var result = await act();
        if (Outcomes.ProblemOf(result) is { } problem)
        {
            var page = await LoadAsync(personId, cancellationToken);
            Error = problem.Detail ?? problem.Title;
            ErrorField = Outcomes.FieldOf(problem);
            Refusal = problem.Extensions.TryGetValue("legalBasis", out var basis) ? basis?.ToString() : null;
            Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            return page;
        }

        return LocalRedirect($"/console/persons/{Uri.EscapeDataString(personId)}?done={done}");
    }

    private async Task<IActionResult> LoadAsync(string personId, CancellationToken cancellationToken)
    {
        var caller = Caller;
        IsAdmin = caller.Is(Roles.Admin);
        var (record, problem) = await register.ReadAsync(caller, personId, "portal: console card", cancellationToken);
        if (record is null)
        {
            Error = problem?.ProblemDetails.Detail;
            Response.StatusCode = problem?.StatusCode ?? StatusCodes.Status404NotFound;
            return Page();
        }

        Record = record;
        Now = register.Now;
        Zone = register.Policies.ZoneOf(record.Region) ?? DateTimeZone.Utc;
        Status = record.Evaluate(register.Policies, Now, Now);
        Timeline = record.Timeline(register.Policies, Now);
        Chart = TimelineChart.Render(Timeline, Now, Zone, text);
        InForce = RecordView.Group(Status.InForce);
        Upcoming = RecordView.Group(Status.Upcoming);
        Summonses = await RecordView.SummonsesAsync(record, Timeline, Now, register.Directory, cancellationToken);
        Facts = RecordView.Facts(record);
        if (IsAdmin)
        {
            Offices = [.. (await register.Directory.ListOfficesAsync(cancellationToken)).Where(o => o.Region == record.Region)];
        }

        return Page();
    }
}
