using Muster.Core.Evaluation;
using Muster.Core.Restrictions;
using Muster.Core.Tests.Support;
using static Muster.Core.Tests.Support.History;

namespace Muster.Core.Tests.Evaluation;

/// <summary>
/// DOMAIN.md rule 4: facts are never deleted; a retraction removes its target from every
/// evaluation as of an instant after the retraction was recorded, and not before.
/// Kaliningrad, placed 3 Nov 2025 09:00 local, opened at once: measures at 2025-11-23T22:00Z.
/// Without the opening: deemed on 10 Nov, measures 00:00 on 1 Dec local = 2025-11-30T22:00Z.
/// </summary>
public sealed class RetractionAndAsOfTests
{
    private static readonly NodaTime.Instant OpenedMeasures = I("2025-11-23T22:00:00Z");
    private static readonly NodaTime.Instant DeemedMeasures = I("2025-11-30T22:00:00Z");
    private const string RetractedAt = "2025-11-05T10:00:00Z";

    private static History OpenedThenRetracted()
    {
        var h = new History("kgd", "RU-KGD")
            .Placed("s1", "2025-11-03T07:00:00Z", "2025-11-03T15:00")
            .Opened("s1", "2025-11-03T09:12:00Z");
        return h.Retract(h.Last.Id, RetractedAt);
    }

    private static NodaTime.Instant MeasuresStart(History h, NodaTime.Instant asOf) =>
        Evaluator.Timeline(h.Facts, ShippedPolicies.Russia, asOf).Intervals
            .First(i => i.Code == RestrictionCode.VehicleDrive).Start;

    [Fact]
    public void A_retracted_opening_no_longer_counts_as_known_now()
    {
        var h = OpenedThenRetracted();
        Assert.Equal(DeemedMeasures, MeasuresStart(h, I("2026-01-01T00:00:00Z")));
        var now = Evaluator.Evaluate(h.Facts, ShippedPolicies.Russia, OpenedMeasures, I("2026-01-01T00:00:00Z"));
        Assert.Equal([RestrictionCode.TravelExit], now.Codes());
    }

    [Fact]
    public void As_of_before_the_retraction_was_recorded_the_register_still_saw_the_opening()
    {
        var h = OpenedThenRetracted();
        Assert.Equal(OpenedMeasures, MeasuresStart(h, I(RetractedAt).Sec(-1)));
        Assert.Equal(DeemedMeasures, MeasuresStart(h, I(RetractedAt)));
        var toldThen = Evaluator.Evaluate(h.Facts, ShippedPolicies.Russia, OpenedMeasures, I(RetractedAt).Sec(-1));
        Assert.Equal(Expect.Sorted(Expect.AllCodes), toldThen.Codes());
    }

    [Fact]
    public void Retracting_the_retraction_restores_the_fact()
    {
        var h = OpenedThenRetracted();
        h.Retract(h.Last.Id, "2025-11-06T10:00:00Z");
        Assert.Equal(OpenedMeasures, MeasuresStart(h, I("2026-01-01T00:00:00Z")));
        Assert.Equal(DeemedMeasures, MeasuresStart(h, I("2025-11-06T09:00:00Z")));
    }

    [Fact]
    public void A_retracted_placement_takes_every_restriction_of_its_summons_with_it()
    {
        var h = new History("kgd", "RU-KGD").Placed("s1", "2025-11-03T07:00:00Z", "2025-11-03T15:00");
        h.Retract(h.Last.Id, "2025-11-04T10:00:00Z");
        Assert.Empty(Evaluator.Timeline(h.Facts, ShippedPolicies.Russia, I("2026-01-01T00:00:00Z")).Intervals);
        Assert.Single(Evaluator.Timeline(h.Facts, ShippedPolicies.Russia, I("2025-11-04T09:59:59Z")).Intervals.Where(i => i.Code == RestrictionCode.TravelExit));
    }

    [Fact]
    public void A_fact_recorded_late_is_invisible_as_of_before_it_was_recorded_but_takes_effect_when_it_happened()
    {
        // The appearance happened on 10 Nov but was keyed in on 15 Nov.
        var h = new History("kgd", "RU-KGD")
            .Placed("s1", "2025-11-03T07:00:00Z", "2025-11-03T15:00")
            .Appeared("2025-11-10T08:00:00Z", recorded: "2025-11-15T08:00:00Z");
        var asKnownOn12th = Evaluator.Evaluate(h.Facts, ShippedPolicies.Russia, I("2025-11-11T00:00:00Z"), I("2025-11-12T00:00:00Z"));
        Assert.Equal([RestrictionCode.TravelExit], asKnownOn12th.Codes());
        var asKnownNow = Evaluator.Evaluate(h.Facts, ShippedPolicies.Russia, I("2025-11-11T00:00:00Z"), I("2026-01-01T00:00:00Z"));
        Assert.Empty(asKnownNow.Codes());
    }
}
