using System.Collections.Immutable;
using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// The rules of DOMAIN.md applied to one person's facts: which summonses count, which policy governs
/// each, when each was delivered in law, and for each rule the interval from the end of its term to
/// the first lifting fact. Order-independent: every choice is a minimum under a total order.
/// </summary>
internal static class SegmentBuilder
{
    /// <summary>The segments of the person's summonses into <c>scratch.Segments</c>; returns how many.</summary>
    public static int Build(ReadOnlySpan<Fact> facts, PolicySet policies, Instant asOf, EvaluationScratch scratch, out ImmutableArray<string> warnings)
    {
        var n = facts.Length;
        var effective = scratch.Effective.AsSpan(0, n);
        FactVisibility.Compute(facts, asOf, effective, scratch.Pairs);
        var classified = Classify(facts, effective, scratch.Indices.AsSpan(0, 3 * n), out var region);
        var into = scratch.Segments;
        List<string>? problems = null;
        var count = 0;
        var law = region is null ? null : policies.LawOf(region);
        if (law is null)
        {
            if (!classified.Placements.IsEmpty)
            {
                (problems ??= []).Add(region is null
                    ? "the person has no registration, so no summons can be evaluated"
                    : $"no policy lists region {region}, so no summons can be evaluated");
            }

            warnings = problems is null ? [] : [.. problems];
            return 0;
        }

        var clock = law.Clock;
        foreach (var k in classified.Placements)
        {
            var placed = (SummonsPlaced)facts[k];
            if (IsDuplicatePlacement(facts, classified.Placements, k))
            {
                continue;
            }

            var placedPoint = AnchorPoint.AtInstant(placed.OccurredAt, ref clock);
            var policy = law.Governing(placedPoint.LocalDay);
            if (policy is null)
            {
                (problems ??= []).Add($"summons {placed.SummonsId}: no policy governs region {region} on its placement date");
                continue;
            }

            var (delivered, deliveryIndex, _) = Delivery(facts, classified.Deliveries, placed, placedPoint, policy, ref clock);
            ImmutableArray<Lifter> lastLifters = default;
            (Instant? At, int FactIndex) lift = default;
            foreach (var rule in policy.Rules)
            {
                var anchor = AnchorOf(rule.Anchor, placed, placedPoint, delivered, ref clock);
                if (anchor is not { } a)
                {
                    continue;
                }

                var start = rule.Term.EffectiveFrom(a, ref clock);
                if (lastLifters.IsDefault || lastLifters != rule.LiftedBy)
                {
                    // Rules usually share one lifter list (the loader interns them): compute once.
                    lift = Lift(facts, classified.Lifters, placed, rule, ref clock);
                    lastLifters = rule.LiftedBy;
                }

                if (lift.At is { } l && l <= start)
                {
                    continue;
                }

                into[count++] = new Segment
                {
                    Policy = policy,
                    Rule = rule,
                    Start = start,
                    End = lift.At,
                    PlacedIndex = k,
                    DeliveryIndex = deliveryIndex,
                    LiftIndex = lift.FactIndex,
                };
            }
        }

        warnings = problems is null ? [] : [.. problems];
        return count;
    }

    /// <summary>The effective facts by role, as index lists into the fact span, and the region.</summary>
    private ref struct ClassifiedFacts
    {
        public Span<int> Placements;
        public Span<int> Deliveries;
        public Span<int> Lifters;
    }

    /// <summary>One pass over the facts: each is type-tested once, not once per summons and rule.</summary>
    private static ClassifiedFacts Classify(ReadOnlySpan<Fact> facts, ReadOnlySpan<bool> effective, Span<int> scratch, out string? region)
    {
        var n = facts.Length;
        var placements = scratch[..n];
        var deliveries = scratch.Slice(n, n);
        var lifters = scratch.Slice(2 * n, n);
        int p = 0, d = 0, l = 0;
        PersonRegistered? latest = null;
        for (var i = 0; i < n; i++)
        {
            if (!effective[i])
            {
                continue;
            }

            switch (facts[i])
            {
                case SummonsPlaced:
                    placements[p++] = i;
                    break;
                case SummonsHanded or SummonsMailDelivered or SummonsOpened:
                    deliveries[d++] = i;
                    break;
                case AppearanceRecorded or ValidReasonAccepted or SummonsCancelled or DefermentGranted:
                    lifters[l++] = i;
                    break;
                case PersonRegistered r when latest is null || r.OccurredAt > latest.OccurredAt ||
                    (r.OccurredAt == latest.OccurredAt && string.CompareOrdinal(r.Id, latest.Id) > 0):
                    // The latest registration that counts (by occurrence, then id) fixes the region.
                    latest = r;
                    break;
            }
        }

        region = latest?.Region;
        return new ClassifiedFacts { Placements = placements[..p], Deliveries = deliveries[..d], Lifters = lifters[..l] };
    }

    /// <summary>The state of every summons on the record, for timelines and the personal account.</summary>
    public static ImmutableArray<SummonsState> Summonses(ReadOnlySpan<Fact> facts, PolicySet policies, Instant asOf, out string? region)
    {
        var effective = new bool[facts.Length];
        FactVisibility.Compute(facts, asOf, effective, new int[2 * facts.Length]);
        var classified = Classify(facts, effective, new int[3 * facts.Length], out region);
        var zone = region is null ? null : policies.ZoneOf(region);
        var clock = new ZoneClock(zone!);
        var result = ImmutableArray.CreateBuilder<SummonsState>();
        foreach (var k in classified.Placements)
        {
            var placed = (SummonsPlaced)facts[k];
            if (IsDuplicatePlacement(facts, classified.Placements, k))
            {
                continue;
            }

            var policy = zone is null ? null : policies.Governing(region!, clock.DayOf(placed.OccurredAt));
            var (delivered, deliveryIndex, method) = policy is null
                ? (null, -1, null)
                : Delivery(facts, classified.Deliveries, placed, AnchorPoint.AtInstant(placed.OccurredAt, ref clock), policy, ref clock);
            result.Add(new SummonsState(
                placed.SummonsId,
                placed.Id,
                policy?.Id,
                placed.Office,
                placed.OccurredAt,
                placed.AppearanceAt,
                delivered,
                method,
                deliveryIndex >= 0 ? facts[deliveryIndex].Id : null,
                First<SummonsOpened>(facts, classified.Deliveries, placed.SummonsId),
                First<SummonsCancelled>(facts, classified.Lifters, placed.SummonsId)));
        }

        result.Sort((a, b) => a.PlacedAt != b.PlacedAt ? a.PlacedAt.CompareTo(b.PlacedAt) : string.CompareOrdinal(a.SummonsId, b.SummonsId));
        return result.ToImmutable();
    }

    /// <summary>Two placements of one summons id: the earliest (then lowest fact id) is the summons.</summary>
    private static bool IsDuplicatePlacement(ReadOnlySpan<Fact> facts, ReadOnlySpan<int> placements, int k)
    {
        var placed = (SummonsPlaced)facts[k];
        foreach (var j in placements)
        {
            if (j != k && facts[j] is SummonsPlaced other &&
                string.Equals(other.SummonsId, placed.SummonsId, StringComparison.Ordinal) &&
                (other.OccurredAt < placed.OccurredAt ||
                 (other.OccurredAt == placed.OccurredAt && string.CompareOrdinal(other.Id, placed.Id) < 0)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Delivery in law: the earliest actual delivery the policy counts, or the deemed one, whichever is first.</summary>
    private static (Instant? At, int FactIndex, DeliveryMethod? Method) Delivery(
        ReadOnlySpan<Fact> facts, ReadOnlySpan<int> candidates, SummonsPlaced placed, AnchorPoint placedPoint, Policy policy, ref ZoneClock clock)
    {
        Instant? best = null;
        var index = -1;
        DeliveryMethod? method = null;
        var rules = policy.Delivery;
        foreach (var j in candidates)
        {
            if (facts[j] is not SummonsFact sf || !string.Equals(sf.SummonsId, placed.SummonsId, StringComparison.Ordinal))
            {
                continue;
            }

            DeliveryMethod? kind = sf switch
            {
                SummonsHanded when rules.ByHandOver => DeliveryMethod.Handed,
                SummonsMailDelivered when rules.ByMail => DeliveryMethod.MailDelivered,
                SummonsOpened when rules.ByOpening => DeliveryMethod.Opened,
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            // A delivery cannot precede the placement it delivers.
            var at = sf.OccurredAt < placed.OccurredAt ? placed.OccurredAt : sf.OccurredAt;
            if (best is not { } b || at < b || (at == b && string.CompareOrdinal(sf.Id, facts[index].Id) < 0))
            {
                best = at;
                index = j;
                method = kind;
            }
        }

        if (rules.DeemedAfterPlacement is { } term)
        {
            var deemed = term.EffectiveFrom(placedPoint, ref clock);
            if (best is not { } b || deemed < b)
            {
                return (deemed, -1, DeliveryMethod.Deemed);
            }
        }

        return (best, index, method);
    }

    private static AnchorPoint? AnchorOf(Anchor anchor, SummonsPlaced placed, AnchorPoint placedPoint, Instant? delivered, ref ZoneClock clock) => anchor switch
    {
        Anchor.Placed => placedPoint,
        Anchor.Delivered => delivered is { } d ? AnchorPoint.AtInstant(d, ref clock) : null,
        Anchor.AppearanceDate => AnchorPoint.AtDate(placed.AppearanceAt.Date, ref clock),
        Anchor.EffectiveAppearanceDate => delivered is { } d
            ? AnchorPoint.Later(AnchorPoint.AtDate(placed.AppearanceAt.Date, ref clock), AnchorPoint.AtInstant(d, ref clock))
            : null,
        _ => null,
    };

    /// <summary>The first instant at which a fact the rule accepts lifts what this summons caused under it.</summary>
    private static (Instant? At, int FactIndex) Lift(
        ReadOnlySpan<Fact> facts, ReadOnlySpan<int> candidates, SummonsPlaced placed, PolicyRule rule, ref ZoneClock clock)
    {
        Instant? best = null;
        var index = -1;
        foreach (var j in candidates)
        {
            var at = LiftInstant(facts[j], placed, rule, ref clock);
            if (at is { } a && (best is not { } b || a < b || (a == b && string.CompareOrdinal(facts[j].Id, facts[index].Id) < 0)))
            {
                best = a;
                index = j;
            }
        }

        return (best, index);
    }

    private static Instant? LiftInstant(Fact fact, SummonsPlaced placed, PolicyRule rule, ref ZoneClock clock)
    {
        var kind = fact switch
        {
            AppearanceRecorded => LiftKind.Appearance,
            ValidReasonAccepted v when Same(v.SummonsId, placed) => LiftKind.ValidReason,
            SummonsCancelled c when Same(c.SummonsId, placed) => LiftKind.Cancellation,
            DefermentGranted => LiftKind.Deferment,
            _ => (LiftKind?)null,
        };
        if (kind is not { } k || !Accepts(rule, k, fact.Channel))
        {
            return null;
        }

        switch (fact)
        {
            case AppearanceRecorded a:
                // An appearance answers every summons placed before it (or at the same instant).
                return a.OccurredAt >= placed.OccurredAt ? a.OccurredAt : null;
            case DefermentGranted d:
                // A deferment voids every summons placed before its end, from its first day.
                return placed.OccurredAt < clock.StartOfDay(LegalClock.DayNumber(d.Until) + 1)
                    ? clock.StartOfDay(LegalClock.DayNumber(d.From))
                    : null;
            default:
                return fact.OccurredAt < placed.OccurredAt ? placed.OccurredAt : fact.OccurredAt;
        }
    }

    private static bool Same(string summonsId, SummonsPlaced placed) =>
        string.Equals(summonsId, placed.SummonsId, StringComparison.Ordinal);

    private static bool Accepts(PolicyRule rule, LiftKind kind, string? channel)
    {
        foreach (var lifter in rule.LiftedBy)
        {
            if (lifter.Kind == kind && lifter.Accepts(channel))
            {
                return true;
            }
        }

        return false;
    }

    private static Instant? First<T>(ReadOnlySpan<Fact> facts, ReadOnlySpan<int> candidates, string summonsId)
        where T : SummonsFact
    {
        Instant? first = null;
        foreach (var i in candidates)
        {
            if (facts[i] is T f && f.SummonsId == summonsId && (first is not { } x || f.OccurredAt < x))
            {
                first = f.OccurredAt;
            }
        }

        return first;
    }
}
