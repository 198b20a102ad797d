using Muster.Cli.Server.Contracts;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Core.Restrictions;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Cli.Server.Register;

/// <summary>The register's answers as response bodies. Pure: no store, no clock.</summary>
public static class Views
{
    public static PersonResponse Person(PersonRecord record)
    {
        var p = record.Registration;
        return new PersonResponse(
            record.PersonId, p.NationalId, p.FamilyName, p.GivenNames, p.Patronymic, p.LatinName,
            TimeFormats.Format(p.BirthDate), p.Region,
            [.. p.Documents.Select(d => new DocumentResponse(d.Kind, d.Number, d.IssuingState))],
            record.Version);
    }

    /// <summary>The status; <paramref name="agency"/> set: only the codes that agency enforces, and no summons ids.</summary>
    public static StatusResponse Status(PersonStatus evaluation, string? agency = null)
    {
        var codes = agency is null ? null : RestrictionCatalog.EnforcedBy(agency).Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        bool Shown(RestrictionInterval i) => codes is null || codes.Contains(i.Code);
        return new StatusResponse(
            evaluation.PersonId,
            TimeFormats.Format(evaluation.At),
            TimeFormats.Format(evaluation.AsOf),
            [.. evaluation.InForce.Where(Shown).Select(i => Restriction(i, agency is null))],
            [.. evaluation.Upcoming.Where(Shown).Select(i => new UpcomingResponse(i.Code, TimeFormats.Format(i.Start), i.Rule.Id, agency is null ? i.SummonsId : null))],
            evaluation.NextChangeAt is { } next ? TimeFormats.Format(next) : null);
    }

    private static RestrictionResponse Restriction(RestrictionInterval i, bool full) => new(
        i.Code,
        TimeFormats.Format(i.Start),
        i.End is { } end ? TimeFormats.Format(end) : null,
        i.Rule.Id,
        i.PolicyId,
        i.Rule.LegalBasis,
        full ? i.SummonsId : null,
        [.. i.Rule.LiftedBy.Select(l => Lifter.Name(l.Kind)).Distinct()],
        full ? new LocalizedResponse(i.Rule.HowToLift.En, i.Rule.HowToLift.Ru) : null,
        full ? [.. i.CausedBy] : null);

    public static TimelineResponse Timeline(Timeline timeline, PersonRecord record) => new(
        timeline.PersonId,
        TimeFormats.Format(timeline.AsOf),
        timeline.Region,
        [.. timeline.Intervals.Select(i => new IntervalResponse(
            i.Code, TimeFormats.Format(i.Start), i.End is { } e ? TimeFormats.Format(e) : null,
            i.Rule.Id, i.PolicyId, i.Rule.LegalBasis, i.SummonsId, [.. i.CausedBy], i.LiftedByFactId))],
        [.. timeline.Summonses.Select(s => Summons(s, record))],
        [.. timeline.Warnings]);

    public static SummonsResponse Summons(SummonsState s, PersonRecord record) => new(
        s.SummonsId,
        record.PersonId,
        s.PlacedFactId,
        s.Office,
        record.Placed(s.SummonsId)?.Purpose,
        TimeFormats.Format(s.PlacedAt),
        TimeFormats.Format(s.AppearanceAt),
        s.PolicyId,
        s.DeliveredAt is { } d ? TimeFormats.Format(d) : null,
        s.DeliveredBy is { } by ? DeliveryName(by) : null,
        s.OpenedAt is { } o ? TimeFormats.Format(o) : null,
        s.CancelledAt is { } c ? TimeFormats.Format(c) : null,
        s.CancelledAt is null ? "active" : "cancelled");

    public static RecordedResponse Recorded(Fact fact, long version) =>
        new(fact.Id, fact.Type, fact.PersonId, (fact as SummonsFact)?.SummonsId, TimeFormats.Format(fact.OccurredAt), version);

    /// <summary>What the person should know up to <paramref name="now"/> (and what is coming), newest first.</summary>
    public static IReadOnlyList<NotificationResponse> Notifications(Timeline timeline, Instant now)
    {
        var items = new List<(Instant At, NotificationResponse Item)>();
        void Add(Instant at, string kind, string? summonsId, string? code, string message) =>
            items.Add((at, new NotificationResponse(TimeFormats.Format(at), kind, summonsId, code, message)));

        foreach (var s in timeline.Summonses.Where(s => s.PlacedAt <= now))
        {
            Add(s.PlacedAt, "summons.placed", s.SummonsId, null,
                $"A summons from office {s.Office} orders you to appear on {TimeFormats.Format(s.AppearanceAt)} (local time).");
            if (s.DeliveredAt is { } delivered && delivered <= now)
            {
                Add(delivered, "summons.delivered", s.SummonsId, null,
                    $"The summons counts as delivered ({DeliveryName(s.DeliveredBy ?? DeliveryMethod.Deemed)}).");
            }
        }

        foreach (var i in timeline.Intervals)
        {
            var title = RestrictionCatalog.TryGet(i.Code, out var kind) ? kind.TitleEn : i.Code;
            if (i.Start <= now)
            {
                Add(i.Start, "restriction.started", i.SummonsId, i.Code, $"{title} ({i.Rule.LegalBasis}). {i.Rule.HowToLift.En}");
            }
            else if (i.End is not { } notAfter || notAfter > i.Start)
            {
                Add(i.Start, "restriction.upcoming", i.SummonsId, i.Code, $"{title} from {TimeFormats.Format(i.Start)} unless lifted before. {i.Rule.HowToLift.En}");
            }

            if (i.End is { } end && end <= now)
            {
                Add(end, "restriction.lifted", i.SummonsId, i.Code, $"{title}: lifted.");
            }
        }

        return [.. items.OrderByDescending(x => x.At).ThenBy(x => x.Item.Kind, StringComparer.Ordinal).Select(x => x.Item)];
    }

    public static string DeliveryName(DeliveryMethod method) => method switch
    {
        DeliveryMethod.Handed => "handed",
        DeliveryMethod.MailDelivered => "mail_delivered",
        DeliveryMethod.Opened => "opened",
        DeliveryMethod.Deemed => "deemed",
        _ => method.ToString(),
    };
}
