using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Muster.Cli.Portal.Auth;
using Muster.Cli.Portal.Rendering;
using Muster.Cli.Portal.Text;
using Muster.Cli.Server.Register;
using Muster.Core.Evaluation;
using Muster.Storage.Propagation;
using AccessRecord = Muster.Storage.AccessRecord;
using NodaTime;

namespace Muster.Cli.Portal.Pages.Account;

/// <summary>
/// The personal account: everything on the person's record — summonses and their delivery in law,
/// the restrictions in force with their reasons and how to lift them, what starts if nothing changes,
/// the notifications, and who read the record. Nothing here is hidden from the person it is about.
/// </summary>
public sealed class IndexModel(RegisterService register, IPropagationStore propagation, PortalText text) : PageModel
{
    public PersonRecord Record { get; private set; } = null!;

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public Instant Now { get; private set; }

    public PersonStatus Status { get; private set; } = null!;

    public Timeline Timeline { get; private set; } = null!;

    public IReadOnlyList<RestrictionGroup> InForce { get; private set; } = [];

    public IReadOnlyList<RestrictionGroup> Upcoming { get; private set; } = [];

    public IReadOnlyList<SummonsRow> Summonses { get; private set; } = [];

    public IReadOnlyList<Notice> Notices { get; private set; } = [];

    public IReadOnlyList<AccessRecord> AccessLog { get; private set; } = [];

    /// <summary>The messages the register sent the person about their restrictions (propagation's notifier), newest first.</summary>
    public IReadOnlyList<NotificationRecord> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = PortalAuth.CallerOf(User)!;
        var (record, _) = await register.ReadAsync(caller, caller.PersonId!, "portal: personal account", cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        Record = record;
        Now = register.Now;
        Zone = register.Policies.ZoneOf(record.Region) ?? DateTimeZone.Utc;
        Status = record.Evaluate(register.Policies, Now, Now);
        Timeline = record.Timeline(register.Policies, Now);
        InForce = RecordView.Group(Status.InForce);
        Upcoming = RecordView.Group(Status.Upcoming);
        Summonses = await RecordView.SummonsesAsync(record, Timeline, Now, register.Directory, cancellationToken);
        Notices = RecordView.Notices(Timeline, Now, Zone, text);
        Messages = [.. (await propagation.NotificationsOfAsync(record.PersonId, cancellationToken)).Take(50)];
        AccessLog = [.. (await register.ReadAccessLogAsync(record.PersonId, cancellationToken)).OrderByDescending(a => a.Sequence).Take(50)];
        return Page();
    }
}
