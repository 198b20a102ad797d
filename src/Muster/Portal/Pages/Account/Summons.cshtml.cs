using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Muster.Cli.Portal.Auth;
using Muster.Cli.Portal.Rendering;
using Muster.Cli.Server.Apis;
using Muster.Cli.Server.Register;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Cli.Portal.Pages.Account;

/// <summary>
/// One summons in the personal account. Before it is opened the page says what opening means in law:
/// it counts as delivery, from which the term to appear runs — with the dates the measures would start
/// if opened now and if never opened (the evaluator answers both). Opening is a form (POST).
/// </summary>
public sealed class SummonsModel(RegisterService register) : PageModel
{
    public PersonRecord Record { get; private set; } = null!;

    public SummonsRow Row { get; private set; } = null!;

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public Instant Now { get; private set; }

    public Policy? Policy { get; private set; }

    /// <summary>When the interim measures of this summons start if nothing else happens (null: they will not).</summary>
    public Instant? MeasuresIfUnopened { get; private set; }

    /// <summary>...and if the person opens it now.</summary>
    public Instant? MeasuresIfOpenedNow { get; private set; }

    public IReadOnlyList<RestrictionGroup> InForce { get; private set; } = [];

    public bool JustOpened { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string summonsId, bool opened, CancellationToken cancellationToken)
    {
        JustOpened = opened;
        return await LoadAsync(summonsId, cancellationToken) ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostOpenAsync(string summonsId, CancellationToken cancellationToken)
    {
        var caller = PortalAuth.CallerOf(User)!;
        var result = await SummonsesApi.OpenSummons(summonsId, caller, register, Request, cancellationToken);
        if (Outcomes.ProblemOf(result) is { } problem)
        {
            if (!await LoadAsync(summonsId, cancellationToken))
            {
                return NotFoundPage();
            }

            Error = problem.Detail;
            Response.StatusCode = problem.Status ?? 400;
            return Page();
        }

        return LocalRedirect($"/account/summonses/{Uri.EscapeDataString(summonsId)}?opened=true");
    }

    /// <summary>No such summons — or another person's: a citizen learns nothing about others, not even that it exists.</summary>
    public bool Missing { get; private set; }

    private PageResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(string summonsId, CancellationToken cancellationToken)
    {
        var caller = PortalAuth.CallerOf(User)!;
        var (personId, _) = await register.SummonsPersonAsync(caller, summonsId, cancellationToken);
        if (personId is null)
        {
            return false;
        }

        var (record, _) = await register.ReadAsync(caller, personId, "portal: summons", cancellationToken);
        if (record is null)
        {
            return false;
        }

        Record = record;
        Now = register.Now;
        Zone = register.Policies.ZoneOf(record.Region) ?? DateTimeZone.Utc;
        var timeline = record.Timeline(register.Policies, Now);
        var rows = await RecordView.SummonsesAsync(record, timeline, Now, register.Directory, cancellationToken);
        var row = rows.FirstOrDefault(r => r.State.SummonsId == summonsId);
        if (row is null)
        {
            return false;
        }

        Row = row;
        Policy = row.State.PolicyId is { } policyId ? register.Policies.Find(policyId) : null;
        InForce = RecordView.Group(record.Evaluate(register.Policies, Now, Now).InForce.Where(i => i.SummonsId == summonsId));
        MeasuresIfUnopened = FirstDelayedStart(timeline, summonsId);
        if (row.Active && !row.Opened)
        {
            var opening = new SummonsOpened { Id = "what-if", PersonId = record.PersonId, OccurredAt = Now, RecordedAt = Now, Channel = "portal", SummonsId = summonsId };
            MeasuresIfOpenedNow = FirstDelayedStart(record.With(opening).Timeline(register.Policies, Now), summonsId);
        }

        return true;
    }

    /// <summary>The earliest start of a restriction of this summons that does not start at placement (the interim measures).</summary>
    private static Instant? FirstDelayedStart(Timeline timeline, string summonsId)
    {
        var placed = timeline.Summonses.First(s => s.SummonsId == summonsId).PlacedAt;
        Instant? first = null;
        foreach (var i in timeline.Intervals)
        {
            if (i.SummonsId == summonsId && i.Start > placed && (i.End is not { } end || end > i.Start) && (first is null || i.Start < first))
            {
                first = i.Start;
            }
        }

        return first;
    }
}
