using Muster.Core.Evaluation;
using Muster.Core.Restrictions;
using Muster.Core.Tests.Support;
using NodaTime;
using static Muster.Core.Tests.Support.History;

namespace Muster.Core.Tests.Evaluation;

/// <summary>
/// The rules of DOMAIN.md under the shipped ru-2023/ru-2026 policies, one second either side of
/// every boundary. Expected instants are worked out by hand from the law in the comments.
/// </summary>
public sealed class SeedPolicyRuleTests
{
    private static readonly Instant Forever = Instant.MaxValue;

    private static PersonStatus At(History h, string at) =>
        Evaluator.Evaluate(h.Facts, ShippedPolicies.Russia, I(at), Forever);

    private static PersonStatus At(History h, Instant at) =>
        Evaluator.Evaluate(h.Facts, ShippedPolicies.Russia, at, Forever);

    // Kaliningrad (UTC+2): placed 09:00 local on 3 Nov 2025, opened the same morning, appearance
    // that afternoon. Effective date 3 Nov; 20-day term 4..23 Nov; measures from 00:00 on 24 Nov
    // local = 2025-11-23T22:00Z ("about 20 days later").
    private static History KaliningradOpenedAtOnce() => new History("kgd", "RU-KGD")
        .Placed("s1", "2025-11-03T07:00:00Z", "2025-11-03T15:00")
        .Opened("s1", "2025-11-03T09:12:00Z");

    [Fact]
    public void Exit_ban_starts_at_the_instant_of_placement()
    {
        var h = KaliningradOpenedAtOnce();
        Assert.Empty(At(h, I("2025-11-03T07:00:00Z").Sec(-1)).Codes());
        var e = At(h, "2025-11-03T07:00:00Z");
        Assert.Equal([RestrictionCode.TravelExit], e.Codes());
        var ban = Assert.Single(e.InForce);
        Assert.Equal(I("2025-11-03T07:00:00Z"), ban.Start);
        Assert.Equal("ru-2023", ban.PolicyId);
        Assert.Equal("exit-ban", ban.Rule.Id);
        Assert.Contains("437-FZ", ban.Rule.LegalBasis, StringComparison.Ordinal);
        Assert.Equal("s1", ban.SummonsId);
    }

    [Fact]
    public void Opened_at_once_interim_measures_start_21_local_days_after_the_appearance_date()
    {
        var h = KaliningradOpenedAtOnce();
        var measures = I("2025-11-23T22:00:00Z");
        var before = At(h, measures.Sec(-1));
        Assert.Equal([RestrictionCode.TravelExit], before.Codes());
        Assert.Equal(Expect.Sorted(Expect.InterimMeasures), before.UpcomingCodes());
        Assert.Equal(measures, before.NextChangeAt);
        Assert.All(before.Upcoming, u => Assert.Equal(measures, u.Start));

        var after = At(h, measures);
        Assert.Equal(Expect.Sorted(Expect.AllCodes), after.Codes());
        var measure = after.InForce.First(r => r.Code == RestrictionCode.VehicleDrive);
        Assert.Equal(["kgd-f2", "kgd-f3"], measure.CausedBy.ToArray()); // the placement and the opening it rests on
        Assert.Null(after.NextChangeAt);
    }

    // Moscow (UTC+3): placed 12:00 local on 2 Feb 2026, never opened. Deemed delivered at 00:00 on
    // 9 Feb local (= 2026-02-08T21:00Z); effective date 9 Feb (later than the 5 Feb appearance);
    // measures from 00:00 on 2 Mar local = 2026-03-01T21:00Z: 27.4 days after placement.
    private static History MoscowUnopened() => new History("mow", "RU-MOW")
        .Placed("s1", "2026-02-02T09:00:00Z", "2026-02-05T10:00");

    [Fact]
    public void Unopened_summons_is_deemed_delivered_after_7_days_and_measures_follow_from_that_date()
    {
        var h = MoscowUnopened();
        var measures = I("2026-03-01T21:00:00Z");
        Assert.Equal([RestrictionCode.TravelExit], At(h, measures.Sec(-1)).Codes());
        Assert.Equal(Expect.Sorted(Expect.AllCodes), At(h, measures).Codes());

        var summons = Assert.Single(Evaluator.Timeline(h.Facts, ShippedPolicies.Russia, Forever).Summonses);
        Assert.Equal(I("2026-02-08T21:00:00Z"), summons.DeliveredAt);
        Assert.Equal(DeliveryMethod.Deemed, summons.DeliveredBy);
        Assert.Equal("ru-2026", summons.PolicyId);
    }

    [Fact]
    public void Before_deemed_delivery_the_upcoming_measures_already_show_their_date()
    {
        var e = At(MoscowUnopened(), "2026-02-08T20:59:59Z");
        Assert.Equal(Expect.Sorted(Expect.InterimMeasures), e.UpcomingCodes());
        Assert.All(e.Upcoming, u => Assert.Equal(I("2026-03-01T21:00:00Z"), u.Start));
    }

    // Kamchatka (UTC+12): placed 10:30 local on 11 Feb, handed over 13:00 local the same day,
    // appearance 13 Feb. Effective date 13 Feb; measures 00:00 on 6 Mar local = 2026-03-05T12:00Z.
    [Fact]
    public void Hand_over_against_signature_delivers_and_the_later_appearance_date_counts()
    {
        var h = new History("kam", "RU-KAM")
            .Placed("s1", "2026-02-10T22:30:00Z", "2026-02-13T09:00")
            .Handed("s1", "2026-02-11T01:00:00Z");
        var measures = I("2026-03-05T12:00:00Z");
        Assert.Equal([RestrictionCode.TravelExit], At(h, measures.Sec(-1)).Codes());
        Assert.Equal(Expect.Sorted(Expect.AllCodes), At(h, measures).Codes());
        var summons = Assert.Single(Evaluator.Timeline(h.Facts, ShippedPolicies.Russia, Forever).Summonses);
        Assert.Equal(DeliveryMethod.Handed, summons.DeliveredBy);
    }

    // Samara (UTC+4): placed 10:00 local 1 Apr, appearance 16:00 the same day. The post delivers
    // the letter at 11:00 local on 2 Apr: effective date 2 Apr, measures 00:00 on 23 Apr local
    // (2026-04-22T20:00Z). Sent but not delivered counts for nothing: deemed on 8 Apr, measures
    // 00:00 on 29 Apr local (2026-04-28T20:00Z).
    [Fact]
    public void Registered_mail_delivers_when_the_post_records_delivery()
    {
        var h = new History("sam", "RU-SAM")
            .Placed("s1", "2026-04-01T06:00:00Z", "2026-04-01T16:00")
            .Mailed("s1", "2026-04-01T08:00:00Z")
            .MailDelivered("s1", "2026-04-02T07:00:00Z");
        var measures = I("2026-04-22T20:00:00Z");
        Assert.Equal([RestrictionCode.TravelExit], At(h, measures.Sec(-1)).Codes());
        Assert.Equal(Expect.Sorted(Expect.AllCodes), At(h, measures).Codes());
    }

    [Fact]
    public void Mail_sent_but_not_delivered_has_no_effect_and_deemed_delivery_applies()
    {
        var h = new History("sam", "RU-SAM")
            .Placed("s1", "2026-04-01T06:00:00Z", "2026-04-01T16:00")
            .Mailed("s1", "2026-04-01T08:00:00Z");
        var measures = I("2026-04-28T20:00:00Z");
        Assert.Equal([RestrictionCode.TravelExit], At(h, measures.Sec(-1)).Codes());
        Assert.Equal(Expect.Sorted(Expect.AllCodes), At(h, measures).Codes());
    }

    [Fact]
    public void Appearance_before_the_term_lifts_the_exit_ban_at_its_instant_and_no_measure_ever_starts()
    {
        var h = MoscowUnopened().Appeared("2026-02-20T08:00:00Z");
        Assert.Equal([RestrictionCode.TravelExit], At(h, I("2026-02-20T08:00:00Z").Sec(-1)).Codes());
        var after = At(h, "2026-02-20T08:00:00Z");
        Assert.Empty(after.Codes());
        Assert.Empty(after.Upcoming);
        Assert.Null(after.NextChangeAt);
        Assert.Empty(At(h, "2026-03-01T21:00:00Z").Codes());
        var ban = Assert.Single(Evaluator.Timeline(h.Facts, ShippedPolicies.Russia, Forever).Intervals);
        Assert.Equal(I("2026-02-20T08:00:00Z"), ban.End);
        Assert.Equal(h.Last.Id, ban.LiftedByFactId);
    }

    [Fact]
    public void Appearance_after_the_term_lifts_every_measure_at_its_instant()
    {
        var h = MoscowUnopened().Appeared("2026-03-03T08:00:00Z");
        Assert.Equal(Expect.Sorted(Expect.AllCodes), At(h, I("2026-03-03T08:00:00Z").Sec(-1)).Codes());
        Assert.Empty(At(h, "2026-03-03T08:00:00Z").Codes());
    }

    [Fact]
    public void Cancellation_lifts_what_the_summons_caused()
    {
        var h = MoscowUnopened().Cancelled("s1", "2026-02-03T10:00:00Z");
        Assert.Equal([RestrictionCode.TravelExit], At(h, I("2026-02-03T10:00:00Z").Sec(-1)).Codes());
        Assert.Empty(At(h, "2026-02-03T10:00:00Z").Codes());
        Assert.Empty(At(h, "2026-03-10T00:00:00Z").Codes());
    }

    [Fact]
    public void A_valid_reason_accepted_at_the_office_lifts_but_one_sent_online_does_not_under_the_seed_law()
    {
        var office = MoscowUnopened().ValidReason("s1", "2026-02-06T10:00:00Z", "office");
        Assert.Empty(At(office, "2026-02-06T10:00:00Z").Codes());

        var online = MoscowUnopened().ValidReason("s1", "2026-02-06T10:00:00Z", "portal");
        Assert.Equal(Expect.Sorted(Expect.AllCodes), At(online, "2026-03-01T21:00:00Z").Codes());
    }

    // Deferment 10 Feb..31 Aug: the exit ban of the earlier summons ends at 00:00 on 10 Feb local
    // (2026-02-09T21:00Z); a summons placed during it never bites; one placed after it does.
    [Fact]
    public void Deferment_lifts_from_its_first_day_and_voids_summonses_placed_while_it_lasts()
    {
        var h = MoscowUnopened()
            .Deferment("2026-02-10", "2026-08-31", "2026-02-12T10:00:00Z")
            .Placed("s2", "2026-03-01T09:00:00Z", "2026-03-03T10:00");
        var lift = I("2026-02-09T21:00:00Z");
        Assert.Equal([RestrictionCode.TravelExit], At(h, lift.Sec(-1)).Codes());
        Assert.Empty(At(h, lift).Codes());
        Assert.Empty(At(h, "2026-03-01T09:00:00Z").Codes());
        Assert.Empty(At(h, "2026-06-01T00:00:00Z").Codes());

        h.Placed("s3", "2026-08-31T21:00:00Z", "2026-09-03T10:00"); // 00:00 on 1 Sep local: after the deferment
        var e = At(h, "2026-08-31T21:00:00Z");
        Assert.Equal("s3", Assert.Single(e.InForce).SummonsId);
        Assert.Empty(At(h, I("2026-08-31T21:00:00Z").Sec(-1)).Codes());
    }

    [Fact]
    public void An_appearance_lifts_every_summons_placed_before_it_but_not_one_placed_after()
    {
        var h = MoscowUnopened()
            .Placed("s2", "2026-02-04T09:00:00Z", "2026-02-06T10:00")
            .Appeared("2026-02-05T08:00:00Z")
            .Placed("s3", "2026-02-05T09:00:00Z", "2026-02-07T10:00");
        var before = At(h, I("2026-02-05T08:00:00Z").Sec(-1));
        Assert.Equal(["s1", "s2"], before.InForce.Select(r => r.SummonsId).Order(StringComparer.Ordinal));
        Assert.Empty(At(h, "2026-02-05T08:00:00Z").Codes());
        var later = At(h, "2026-02-05T09:00:00Z");
        Assert.Equal("s3", Assert.Single(later.InForce).SummonsId);
    }

    [Fact]
    public void Two_unanswered_summonses_each_cause_their_own_restrictions()
    {
        var h = MoscowUnopened().Placed("s2", "2026-02-04T09:00:00Z", "2026-02-06T10:00");
        var e = At(h, "2026-03-05T00:00:00Z");
        Assert.Equal(14, e.InForce.Length);
        Assert.Equal(7, e.InForce.Count(r => r.SummonsId == "s2"));
    }

    // The same UTC instant is a different local date in Kaliningrad, Moscow and Kamchatka.
    // Placed 2026-02-10T13:30Z: 15:30 on 10 Feb (UTC+2), 16:30 on 10 Feb (UTC+3), 01:30 on 11 Feb (UTC+12).
    [Theory]
    [InlineData("RU-KGD", "2026-03-09T22:00:00Z")] // deemed 17 Feb, measures 00:00 on 10 Mar +02
    [InlineData("RU-MOW", "2026-03-09T21:00:00Z")] // deemed 17 Feb, measures 00:00 on 10 Mar +03
    [InlineData("RU-KAM", "2026-03-10T12:00:00Z")] // deemed 18 Feb, measures 00:00 on 11 Mar +12
    public void Terms_are_counted_in_calendar_days_of_the_persons_region(string region, string expected)
    {
        var h = new History("p", region).Placed("s1", "2026-02-10T13:30:00Z", "2026-02-12T10:00");
        var measures = I(expected);
        Assert.Equal([RestrictionCode.TravelExit], At(h, measures.Sec(-1)).Codes());
        Assert.Equal(Expect.Sorted(Expect.AllCodes), At(h, measures).Codes());
    }

    [Theory]
    [InlineData("RU-KGD", "ru-2023")] // 15:00 on 31 Dec 2025 local
    [InlineData("RU-KAM", "ru-2026")] // 01:00 on 1 Jan 2026 local
    public void The_policy_in_force_on_the_local_placement_date_governs(string region, string policy)
    {
        var h = new History("p", region).Placed("s1", "2025-12-31T13:00:00Z", "2026-01-05T10:00");
        Assert.Equal(policy, Assert.Single(At(h, "2026-01-01T00:00:00Z").InForce).PolicyId);
    }

    [Fact]
    public void A_person_without_registration_gets_a_warning_not_a_silent_answer()
    {
        var placed = new Muster.Core.Facts.SummonsPlaced
        {
            Id = "x1", PersonId = "x", OccurredAt = I("2026-02-02T09:00:00Z"), RecordedAt = I("2026-02-02T09:00:00Z"),
            SummonsId = "s1", Office = "OFF", AppearanceAt = L("2026-02-05T10:00"),
        };
        var e = Evaluator.Evaluate([placed], ShippedPolicies.Russia, I("2026-02-03T00:00:00Z"), Forever);
        Assert.Empty(e.InForce);
        Assert.Contains("no registration", Assert.Single(e.Warnings), StringComparison.Ordinal);
    }
}
