using Muster.Cli.Portal.Text;
using Muster.Cli.Server.Register;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Core.Restrictions;
using Muster.Storage.Api;
using NodaTime;

namespace Muster.Cli.Portal.Rendering;

/// <summary>A summons as the pages show it: its state in words, its office (name and address), times.</summary>
public sealed record SummonsRow(
    SummonsState State,
    string StateKey,
    string OfficeName,
    string? Purpose,
    bool Active,
    bool Opened);

/// <summary>Restrictions that one rule imposes because of one summons, from one instant: shown as one item.</summary>
public sealed record RestrictionGroup(PolicyRule Rule, string PolicyId, string SummonsId, Instant Start, Instant? End, IReadOnlyList<RestrictionKind> Kinds, IReadOnlyList<string> CausedBy);

/// <summary>The model of the restrictions partial: groups, the person's zone, now, whether they are only coming, and where a summons is shown.</summary>
public sealed record RestrictionList(IReadOnlyList<RestrictionGroup> Groups, DateTimeZone Zone, Instant Now, bool Upcoming, string SummonsLink);

/// <summary>Something the person should know: when, and what (in the page's language).</summary>
public sealed record Notice(Instant At, string Kind, string Message);

/// <summary>What the person pages (the account and the clerk's card) derive from a record: pure, given "now".</summary>
public static class RecordView
{
    public static async Task<IReadOnlyList<SummonsRow>> SummonsesAsync(PersonRecord record, Timeline timeline, Instant now, IRegisterDirectory directory, CancellationToken cancellationToken)
    {
        var offices = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<SummonsRow>();
        foreach (var s in timeline.Summonses.OrderByDescending(s => s.PlacedAt))
        {
            if (!offices.TryGetValue(s.Office, out var name))
            {
                name = (await directory.FindOfficeAsync(s.Office, cancellationToken))?.Name ?? s.Office;
                offices[s.Office] = name;
            }

            rows.Add(new SummonsRow(s, StateKey(s, now), name, record.Placed(s.SummonsId)?.Purpose, s.CancelledAt is null, s.OpenedAt is { } o && o <= now));
        }

        return rows;
    }

    /// <summary>"state:cancelled", "state:handed", "state:opened", "state:deemed", "state:mail", or "state:placed" (not delivered yet).</summary>
    public static string StateKey(SummonsState s, Instant now) =>
        s.CancelledAt is { } c && c <= now ? "state:cancelled"
        : s.DeliveredAt is not { } delivered || delivered > now ? "state:placed"
        : s.DeliveredBy switch
        {
            DeliveryMethod.Handed => "state:handed",
            DeliveryMethod.Opened => "state:opened",
            DeliveryMethod.MailDelivered => "state:mail",
            _ => "state:deemed",
        };

    public static IReadOnlyList<RestrictionGroup> Group(IEnumerable<RestrictionInterval> intervals) =>
        [.. intervals
            .GroupBy(i => (i.Rule.Id, i.PolicyId, i.SummonsId, i.Start, i.End))
            .Select(g => new RestrictionGroup(g.First().Rule, g.Key.PolicyId, g.Key.SummonsId, g.Key.Start, g.Key.End,
                [.. g.Select(i => RestrictionCatalog.TryGet(i.Code, out var k) ? k : new RestrictionKind(i.Code, Agency.Border, i.Code, i.Code))
                    .OrderBy(k => IndexOf(k.Code))],
                [.. g.SelectMany(i => i.CausedBy).Distinct(StringComparer.Ordinal)]))
            .OrderBy(g => g.Start).ThenBy(g => IndexOf(g.Kinds[0].Code))];

    private static int IndexOf(string code)
    {
        for (var i = 0; i < RestrictionCatalog.All.Count; i++)
        {
            if (RestrictionCatalog.All[i].Code == code)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>What happened on the record up to now, and what is coming, newest first (the account's notifications).</summary>
    public static IReadOnlyList<Notice> Notices(Timeline timeline, Instant now, DateTimeZone zone, PortalText text)
    {
        var items = new List<Notice>();
        foreach (var s in timeline.Summonses.Where(s => s.PlacedAt <= now))
        {
            items.Add(new Notice(s.PlacedAt, "summons.placed", text.Format("Summons {0} from office {1}: appear on {2} (local time).", s.SummonsId, s.Office, LocalTime.Format(s.AppearanceAt))));
            if (s.DeliveredAt is { } delivered && delivered <= now)
            {
                items.Add(new Notice(delivered, "summons.delivered", text.Format("Summons {0} counts as delivered: {1}.", s.SummonsId, text[StateKey(s, delivered)])));
            }

            if (s.CancelledAt is { } cancelled && cancelled <= now)
            {
                items.Add(new Notice(cancelled, "summons.cancelled", text.Format("Summons {0} was cancelled; what it caused is lifted.", s.SummonsId)));
            }
        }

        foreach (var g in Group(timeline.Intervals))
        {
            var what = string.Join("; ", g.Kinds.Select(k => text[k.Code]));
            if (g.End is { } never && never <= g.Start)
            {
                continue;
            }

            if (g.Start <= now)
            {
                items.Add(new Notice(g.Start, "restriction.started", text.Format("In force: {0} ({1}, summons {2}).", what, g.Rule.LegalBasis, g.SummonsId)));
            }
            else
            {
                items.Add(new Notice(now, "restriction.upcoming", text.Format("Coming on {0} unless lifted before: {1}.", LocalTime.Format(g.Start, zone), what)));
            }

            if (g.End is { } end && end <= now)
            {
                items.Add(new Notice(end, "restriction.lifted", text.Format("Lifted: {0}.", what)));
            }
        }

        return [.. items.OrderByDescending(n => n.At).ThenBy(n => n.Kind, StringComparer.Ordinal)];
    }

    /// <summary>The facts of the record in log order, with whether each still counts.</summary>
    public static IReadOnlyList<(Fact Fact, bool Retracted)> Facts(PersonRecord record) =>
        [.. record.All.Select(f => (f, record.IsRetracted(f.Id)))];
}
