using Muster.Core.Evaluation;
using Muster.Core.Propagation;
using Muster.Core.Restrictions;
using Muster.Core.Tests.Support;
using NodaTime;
using static Muster.Core.Tests.Support.History;

namespace Muster.Core.Tests.Propagation;

/// <summary>
/// Moscow, placed 2026-02-02T09:00Z, never opened: exit ban from placement, measures from
/// 2026-03-01T21:00Z (see SeedPolicyRuleTests). What agencies must be told, and only once.
/// </summary>
public sealed class ChangeReconcilerTests
{
    private static Timeline TimelineOf(History h, Instant asOf) => Evaluator.Timeline(h.Facts, ShippedPolicies.Russia, asOf);

    private static History Moscow() => new History("mow", "RU-MOW").Placed("s1", "2026-02-02T09:00:00Z", "2026-02-05T10:00");

    [Fact]
    public void Every_started_restriction_is_imposed_once_at_its_start_and_nothing_upcoming_is_announced()
    {
        var h = Moscow();
        var early = ChangeReconciler.Pending(TimelineOf(h, I("2026-02-10T00:00:00Z")), [], I("2026-02-10T00:00:00Z"));
        var exit = Assert.Single(early);
        Assert.Equal((RestrictionCode.TravelExit, ChangeKind.Imposed, I("2026-02-02T09:00:00Z")), (exit.Code, exit.Kind, exit.EffectiveAt));
        Assert.True(exit.CodeInForceAfter);

        var now = I("2026-03-05T00:00:00Z");
        var later = ChangeReconciler.Pending(TimelineOf(h, now), early, now);
        Assert.Equal(6, later.Count);
        Assert.All(later, c => Assert.Equal((ChangeKind.Imposed, I("2026-03-01T21:00:00Z")), (c.Kind, c.EffectiveAt)));
        Assert.Empty(ChangeReconciler.Pending(TimelineOf(h, now), [.. early, .. later], now));
    }

    [Fact]
    public void An_appearance_lifts_every_announced_restriction_at_its_instant_citing_it()
    {
        var h = Moscow();
        var before = I("2026-03-05T00:00:00Z");
        var announced = ChangeReconciler.Pending(TimelineOf(h, before), [], before);
        h.Appeared("2026-03-10T11:30:00Z");
        var now = I("2026-03-10T11:31:00Z");
        var lifts = ChangeReconciler.Pending(TimelineOf(h, now), announced, now);
        Assert.Equal(7, lifts.Count);
        Assert.All(lifts, c =>
        {
            Assert.Equal(ChangeKind.Lifted, c.Kind);
            Assert.Equal(I("2026-03-10T11:30:00Z"), c.EffectiveAt);
            Assert.Equal(h.Last.Id, c.CauseFactId);
            Assert.False(c.CodeInForceAfter);
            Assert.False(c.Withdrawn);
        });
        Assert.Equal(announced.Select(a => a.IntervalKey).Order(), lifts.Select(l => l.IntervalKey).Order());
    }

    [Fact]
    public void A_restriction_whose_facts_are_retracted_after_announcement_is_withdrawn_now()
    {
        var h = Moscow();
        var first = I("2026-02-03T00:00:00Z");
        var announced = ChangeReconciler.Pending(TimelineOf(h, first), [], first);
        h.Retract(h.Facts[1].Id, "2026-02-04T08:00:00Z");
        var now = I("2026-02-04T08:00:05Z");
        var withdrawal = Assert.Single(ChangeReconciler.Pending(TimelineOf(h, now), announced, now));
        Assert.Equal((ChangeKind.Lifted, true, now), (withdrawal.Kind, withdrawal.Withdrawn, withdrawal.EffectiveAt));
        Assert.Equal(announced[0].IntervalKey, withdrawal.IntervalKey);
    }

    [Fact]
    public void A_restriction_that_began_and_ended_between_two_sweeps_is_still_told_both_ways()
    {
        var h = Moscow().Cancelled("s1", "2026-02-02T09:05:00Z");
        var now = I("2026-02-02T10:00:00Z");
        var changes = ChangeReconciler.Pending(TimelineOf(h, now), [], now);
        Assert.Equal([ChangeKind.Imposed, ChangeKind.Lifted], changes.Select(c => c.Kind).ToArray());
        Assert.False(changes[^1].CodeInForceAfter);
    }

    [Fact]
    public void Another_summons_keeping_a_code_in_force_is_said_in_the_lift()
    {
        var h = Moscow().Placed("s2", "2026-02-03T09:00:00Z", "2026-02-06T10:00").Cancelled("s1", "2026-02-04T09:00:00Z");
        var now = I("2026-02-05T00:00:00Z");
        var lift = ChangeReconciler.Pending(TimelineOf(h, now), [], now).Single(c => c.Kind == ChangeKind.Lifted);
        Assert.Equal("s1", lift.SummonsId);
        Assert.True(lift.CodeInForceAfter);
    }

    [Fact]
    public void Ids_do_not_depend_on_the_order_of_facts_or_the_run()
    {
        var h = Moscow().Appeared("2026-03-10T11:30:00Z");
        var now = I("2026-04-01T00:00:00Z");
        var a = ChangeReconciler.Pending(Evaluator.Timeline(h.Facts, ShippedPolicies.Russia, now), [], now).Select(c => c.Id);
        var b = ChangeReconciler.Pending(Evaluator.Timeline(h.Facts.Reverse().ToArray(), ShippedPolicies.Russia, now), [], now).Select(c => c.Id);
        Assert.Equal(a, b);
        Assert.Equal(14, a.Distinct().Count());
    }

    [Fact]
    public void A_lift_that_is_retracted_after_it_was_told_imposes_the_restriction_again_now_as_a_new_generation()
    {
        var h = Moscow();
        var t1 = I("2026-02-03T00:00:00Z");
        var told = ChangeReconciler.Pending(TimelineOf(h, t1), [], t1).ToList();
        h.Cancelled("s1", "2026-02-04T09:00:00Z");
        var cancelled = h.Last.Id;
        var t2 = I("2026-02-04T10:00:00Z");
        var lift = Assert.Single(ChangeReconciler.Pending(TimelineOf(h, t2), told, t2));
        Assert.Equal((ChangeKind.Lifted, 0), (lift.Kind, lift.Generation));
        told.Add(lift);

        h.Retract(cancelled, "2026-02-05T08:00:00Z");
        var t3 = I("2026-02-05T08:00:01Z");
        var again = Assert.Single(ChangeReconciler.Pending(TimelineOf(h, t3), told, t3));
        Assert.Equal((ChangeKind.Imposed, 1, t3, true), (again.Kind, again.Generation, again.EffectiveAt, again.CodeInForceAfter));
        Assert.Equal(lift.IntervalKey, again.IntervalKey);
        Assert.DoesNotContain(again.Id, told.Select(c => c.Id));
        told.Add(again);
        Assert.Empty(ChangeReconciler.Pending(TimelineOf(h, t3), told, t3));

        // ... and its next lift is a new change too, not the generation-0 lift told before.
        h.Appeared("2026-02-06T11:00:00Z");
        var t4 = I("2026-02-06T12:00:00Z");
        var second = Assert.Single(ChangeReconciler.Pending(TimelineOf(h, t4), told, t4));
        Assert.Equal((ChangeKind.Lifted, 1, I("2026-02-06T11:00:00Z")), (second.Kind, second.Generation, second.EffectiveAt));
        Assert.NotEqual(lift.Id, second.Id);
    }

    [Fact]
    public void A_withdrawal_whose_retraction_is_retracted_imposes_again()
    {
        var h = Moscow();
        var t1 = I("2026-02-03T00:00:00Z");
        var told = ChangeReconciler.Pending(TimelineOf(h, t1), [], t1).ToList();
        h.Retract(h.Facts[1].Id, "2026-02-04T08:00:00Z");
        var retraction = h.Last.Id;
        var t2 = I("2026-02-04T08:00:05Z");
        told.AddRange(ChangeReconciler.Pending(TimelineOf(h, t2), told, t2));
        Assert.True(told[^1].Withdrawn);
        h.Retract(retraction, "2026-02-04T09:00:00Z");
        var t3 = I("2026-02-04T09:00:05Z");
        var again = Assert.Single(ChangeReconciler.Pending(TimelineOf(h, t3), told, t3));
        Assert.Equal((ChangeKind.Imposed, 1, t3), (again.Kind, again.Generation, again.EffectiveAt));
    }
}
