using FsCheck.Xunit;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Tests.Support;
using NodaTime;

namespace Muster.Core.Tests.Evaluation;

/// <summary>Properties that must hold for every history, checked on random ones (FsCheck drives the seeds).</summary>
public sealed class EvaluatorProperties
{
    private static readonly Muster.Core.Policies.PolicySet Policies = ShippedPolicies.Russia;

    private static HashSet<string> Keys(IEnumerable<RestrictionInterval> items) =>
        items.Select(r => $"{r.Code}@{r.SummonsId}:{r.Rule.Id}:{r.Start}").ToHashSet(StringComparer.Ordinal);

    [Property(MaxTest = 300)]
    public bool Timeline_agrees_with_Evaluate_at_sampled_instants(int seed)
    {
        var facts = RandomHistory.Generate(seed);
        var rng = new Random(seed);
        var asOf = rng.NextDouble() < 0.5 ? Instant.MaxValue : RandomHistory.SampleInstant(rng);
        var timeline = Evaluator.Timeline(facts, Policies, asOf);
        for (var k = 0; k < 20; k++)
        {
            var t = k < 10 ? RandomHistory.SampleInstant(rng) : Boundary(timeline, rng);
            var status = Evaluator.Evaluate(facts, Policies, t, asOf);
            if (!Keys(status.InForce).SetEquals(Keys(timeline.Intervals.Where(i => i.Contains(t)))) ||
                !Keys(status.Upcoming).SetEquals(Keys(timeline.Intervals.Where(i => i.Start > t))))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool The_answer_does_not_depend_on_the_order_facts_were_recorded_in(int seed)
    {
        var facts = RandomHistory.Generate(seed);
        var rng = new Random(seed);
        var shuffled = facts.OrderBy(_ => rng.Next()).ToList();
        var reversed = Enumerable.Reverse(facts).ToList();
        var t = RandomHistory.SampleInstant(rng);
        var expected = Evaluator.Evaluate(facts, Policies, t, Instant.MaxValue).Describe();
        return expected == Evaluator.Evaluate(shuffled, Policies, t, Instant.MaxValue).Describe()
            && expected == Evaluator.Evaluate(reversed, Policies, t, Instant.MaxValue).Describe()
            && Evaluator.Timeline(facts, Policies, Instant.MaxValue).Intervals.Select(Expect.Describe).SequenceEqual(
                Evaluator.Timeline(shuffled, Policies, Instant.MaxValue).Intervals.Select(Expect.Describe));
    }

    [Property(MaxTest = 300)]
    public bool An_in_person_appearance_lifts_everything_caused_by_earlier_summonses(int seed)
    {
        var facts = RandomHistory.Generate(seed);
        var rng = new Random(seed);
        var appearedAt = RandomHistory.SampleInstant(rng);
        facts.Add(new AppearanceRecorded
        {
            Id = "appearance-under-test", PersonId = facts[0].PersonId, OccurredAt = appearedAt,
            RecordedAt = appearedAt, Office = "OFF-1", Channel = "office",
        });
        var placedAt = Evaluator.Timeline(facts, Policies, Instant.MaxValue).Summonses.ToDictionary(s => s.SummonsId, s => s.PlacedAt);
        for (var k = 0; k < 10; k++)
        {
            var t = appearedAt + Duration.FromSeconds(k == 0 ? 0 : rng.Next(0, 90 * 86400));
            var status = Evaluator.Evaluate(facts, Policies, t, Instant.MaxValue);
            if (status.InForce.Any(r => placedAt[r.SummonsId] <= appearedAt) ||
                status.Upcoming.Any(r => placedAt[r.SummonsId] <= appearedAt))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool Next_change_is_never_in_the_past_and_nothing_changes_before_it(int seed)
    {
        var facts = RandomHistory.Generate(seed);
        var rng = new Random(seed);
        var t = RandomHistory.SampleInstant(rng);
        var status = Evaluator.Evaluate(facts, Policies, t, Instant.MaxValue);
        if (status.NextChangeAt is not { } next)
        {
            // Nothing will change: the answer is the same at any later instant.
            var later = Evaluator.Evaluate(facts, Policies, t + Duration.FromDays(rng.Next(1, 400)), Instant.MaxValue);
            return Keys(later.InForce).SetEquals(Keys(status.InForce)) && later.Upcoming.IsEmpty;
        }

        if (next <= t)
        {
            return false;
        }

        var span = (next - t).TotalSeconds;
        for (var k = 0; k < 10; k++)
        {
            var between = t + Duration.FromSeconds(Math.Floor(rng.NextDouble() * span));
            if (between >= next || !Keys(Evaluator.Evaluate(facts, Policies, between, Instant.MaxValue).InForce).SetEquals(Keys(status.InForce)))
            {
                return false;
            }
        }

        var justBefore = Evaluator.Evaluate(facts, Policies, next - Duration.FromSeconds(1) > t ? next - Duration.FromSeconds(1) : t, Instant.MaxValue);
        var atNext = Evaluator.Evaluate(facts, Policies, next, Instant.MaxValue);
        return Keys(justBefore.InForce).SetEquals(Keys(status.InForce)) && !Keys(atNext.InForce).SetEquals(Keys(status.InForce));
    }

    private static Instant Boundary(Timeline timeline, Random rng)
    {
        if (timeline.Intervals.IsEmpty)
        {
            return RandomHistory.SampleInstant(rng);
        }

        var i = timeline.Intervals[rng.Next(timeline.Intervals.Length)];
        var edge = i.End is { } end && rng.NextDouble() < 0.5 ? end : i.Start;
        return edge + Duration.FromSeconds(rng.Next(-1, 2));
    }
}

/// <summary>Guards the properties above against vacuity: the random histories do reach every case.</summary>
public sealed class RandomHistoryCoverage
{
    [Fact]
    public void Random_histories_cover_measures_lifts_retractions_and_several_summonses()
    {
        var timelines = Enumerable.Range(0, 400).Select(seed => (Facts: RandomHistory.Generate(seed), Timeline: Evaluator.Timeline(RandomHistory.Generate(seed), ShippedPolicies.Russia, Instant.MaxValue))).ToList();
        Assert.True(timelines.Count(t => t.Timeline.Intervals.Any(i => i.Rule.Id == "interim-measures")) > 100);
        Assert.True(timelines.Count(t => t.Timeline.Intervals.Any(i => i.End is not null)) > 100);
        Assert.True(timelines.Count(t => t.Facts.OfType<FactRetracted>().Any()) > 50);
        Assert.True(timelines.Count(t => t.Timeline.Summonses.Length > 1) > 100);
    }
}
