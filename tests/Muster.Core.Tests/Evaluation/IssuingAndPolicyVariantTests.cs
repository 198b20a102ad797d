using Muster.Core.Evaluation;
using Muster.Core.Restrictions;
using Muster.Core.Tests.Support;
using NodaTime;
using static Muster.Core.Tests.Support.History;

namespace Muster.Core.Tests.Evaluation;

public sealed class IssuingAndPolicyVariantTests
{
    private static readonly DateTimeZone Moscow = DateTimeZoneProviders.Tzdb["Europe/Moscow"];

    // Placed 12:00 local on 2 Feb 2026: 4 Mar is 30 days later (February 2026 has 28 days).
    [Fact]
    public void Ru2026_accepts_an_appearance_30_days_after_placement()
    {
        Assert.Empty(ShippedPolicies.Ru2026.CheckIssue(I("2026-02-02T09:00:00Z"), L("2026-03-04T23:59"), Moscow));
    }

    [Fact]
    public void Ru2026_refuses_an_appearance_31_days_after_placement_naming_the_cap()
    {
        var refusal = Assert.Single(ShippedPolicies.Ru2026.CheckIssue(I("2026-02-02T09:00:00Z"), L("2026-03-05T09:00"), Moscow));
        Assert.Equal("appearanceAt", refusal.Field);
        Assert.Equal("appearance-cap", refusal.Code);
        Assert.Contains("412-FZ", refusal.LegalBasis, StringComparison.Ordinal);
        Assert.Contains("31 days", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ru2023_has_no_cap_but_every_policy_refuses_an_appearance_before_placement()
    {
        Assert.Empty(ShippedPolicies.Ru2023.CheckIssue(I("2025-02-02T09:00:00Z"), L("2025-05-05T09:00"), Moscow));
        var refusal = Assert.Single(ShippedPolicies.Ru2023.CheckIssue(I("2025-02-02T09:00:00Z"), L("2025-02-02T11:59"), Moscow));
        Assert.Equal("not-after-placement", refusal.Code);
    }

    [Fact]
    public void Under_the_due_process_example_an_undelivered_summons_causes_nothing()
    {
        var h = new History("mow", "RU-MOW").Placed("s1", "2026-02-02T09:00:00Z", "2026-02-05T10:00");
        Assert.Empty(Evaluator.Timeline(h.Facts, ShippedPolicies.DueProcess, Instant.MaxValue).Intervals);
        Assert.NotEmpty(Evaluator.Timeline(h.Facts, ShippedPolicies.Russia, Instant.MaxValue).Intervals);
    }

    // Handed over 2 Feb, appearance 5 Feb missed: the exit ban waits 10 days (00:00 on 16 Feb local
    // = 2026-02-15T21:00Z) and the measures 45 days (00:00 on 23 Mar local = 2026-03-22T21:00Z).
    [Fact]
    public void Under_the_due_process_example_the_terms_are_longer_and_an_online_excuse_lifts()
    {
        var h = new History("mow", "RU-MOW")
            .Placed("s1", "2026-02-02T09:00:00Z", "2026-02-05T10:00")
            .Handed("s1", "2026-02-02T10:00:00Z");
        var timeline = Evaluator.Timeline(h.Facts, ShippedPolicies.DueProcess, Instant.MaxValue);
        Assert.Equal(I("2026-02-15T21:00:00Z"), timeline.Intervals.Single(i => i.Code == RestrictionCode.TravelExit).Start);
        Assert.Equal(I("2026-03-22T21:00:00Z"), timeline.Intervals.First(i => i.Code == RestrictionCode.CreditNew).Start);

        h.ValidReason("s1", "2026-02-20T10:00:00Z", channel: "portal");
        var after = Evaluator.Evaluate(h.Facts, ShippedPolicies.DueProcess, I("2026-02-20T10:00:00Z"), Instant.MaxValue);
        Assert.Empty(after.InForce);
        Assert.Empty(after.Upcoming);
    }
}
