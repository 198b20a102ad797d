using Muster.Cli.Demo;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Core.Restrictions;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Tests;

/// <summary>The demo register shows every stage of the law, and is lawful itself.</summary>
public sealed class DemoPopulationTests
{
    private static readonly PolicySet Policies = PolicyLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "policies"));
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 9, 0);
    private static readonly IReadOnlyList<Fact> Facts = DemoPopulation.Generate(2000, Now, Policies);

    [Fact]
    public void Every_stage_appears_ban_only_measures_upcoming_measures_in_force_lifted_and_clean()
    {
        var statuses = Facts.GroupBy(f => f.PersonId).Select(g => Evaluator.Evaluate(g.ToList(), Policies, Now, Now)).ToList();
        Assert.Contains(statuses, s => s.InForce.Length == 1 && s.IsRestricted(RestrictionCode.TravelExit) && s.Upcoming.Length == 6);
        Assert.Contains(statuses, s => s.IsRestricted(RestrictionCode.TravelExit) && s.IsRestricted(RestrictionCode.CreditNew));
        Assert.Contains(statuses, s => s.InForce.IsEmpty && s.Upcoming.IsEmpty);
        Assert.True(statuses.Count(s => s.IsRestricted(RestrictionCode.TravelExit)) > 500);
        Assert.True(statuses.Count(s => !s.IsRestricted(RestrictionCode.TravelExit)) > 500);
        Assert.All(statuses, s => Assert.Empty(s.Warnings));
    }

    [Fact]
    public void The_three_seed_people_come_first_in_kaliningrad_moscow_and_kamchatka()
    {
        var regions = Facts.OfType<PersonRegistered>().Take(3).Select(p => p.Region).ToArray();
        Assert.Equal(["RU-KGD", "RU-MOW", "RU-KAM"], regions);
        var kaliningrad = Evaluator.Evaluate(Facts.Where(f => f.PersonId == "demo-000000").ToList(), Policies, Now, Now);
        Assert.Equal(7, kaliningrad.InForce.Length);
    }

    [Fact]
    public void Every_summons_passes_the_issuing_checks_of_its_policy_and_every_fact_round_trips()
    {
        var regions = Facts.OfType<PersonRegistered>().ToDictionary(p => p.PersonId, p => p.Region);
        foreach (var placed in Facts.OfType<SummonsPlaced>())
        {
            var zone = Policies.ZoneOf(regions[placed.PersonId])!;
            var policy = Policies.Governing(regions[placed.PersonId], placed.OccurredAt.InZone(zone).Date)!;
            Assert.Empty(policy.CheckIssue(placed.OccurredAt, placed.AppearanceAt, zone));
        }

        foreach (var fact in Facts)
        {
            Assert.True(FactJson.TryParse(FactJson.Serialize(fact), Now, out var back, out var error), error?.ToString());
            Assert.Equal(fact, back);
        }
    }
}
