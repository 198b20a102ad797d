using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// The policies in force over time. The one in force on a summons' placement date (in the person's
/// zone) for the person's region governs that summons. Built only through <see cref="Create"/>,
/// which refuses overlapping versions for the same region and regions whose zones disagree.
/// </summary>
public sealed class PolicySet
{
    private readonly Policy[] _policies;

    // Per region: its zone and the policies listing it, in order of effect. The evaluator looks a
    // region up once per person instead of once per policy and summons.
    private readonly FrozenDictionary<string, RegionLaw> _regions;

    private PolicySet(Policy[] policies)
    {
        _policies = policies;
        MaxRuleCount = policies.Length == 0 ? 0 : policies.Max(p => p.Rules.Length);
        _regions = policies
            .SelectMany(p => p.Regions.Select(r => (Region: r.Key, Zone: r.Value, Policy: p)))
            .GroupBy(x => x.Region, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => new RegionLaw(g.Last().Zone, [.. g.Select(x => x.Policy)]),
                StringComparer.Ordinal);
    }

    /// <summary>The most rules any one policy has: a bound on intervals per summons.</summary>
    public int MaxRuleCount { get; }

    public ImmutableArray<Policy> Policies => [.. _policies];

    public static PolicySet Create(IEnumerable<Policy> policies)
    {
        var list = policies.OrderBy(p => p.EffectiveFrom).ThenBy(p => p.Id, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            for (var j = i + 1; j < list.Length; j++)
            {
                var a = list[i];
                var b = list[j];
                if (a.Id == b.Id)
                {
                    throw new PolicyException(b.Source, 1, 1, "id", $"policy id '{b.Id}' is also used by {a.Source}");
                }

                foreach (var (region, zone) in b.Regions)
                {
                    if (!a.Regions.TryGetValue(region, out var other))
                    {
                        continue;
                    }

                    if (other.Id != zone.Id)
                    {
                        throw new PolicyException(b.Source, 1, 1, $"regions.{region}",
                            $"zone {zone.Id} disagrees with {other.Id} in {a.Source}");
                    }

                    var overlap = a.EffectiveUntil is not { } until || until > b.EffectiveFrom;
                    if (overlap)
                    {
                        throw new PolicyException(b.Source, 1, 1, "effective.from",
                            $"policy {b.Id} overlaps {a.Id} ({a.Source}) for region {region}: a summons must have exactly one governing policy");
                    }
                }
            }
        }

        return new PolicySet(list);
    }

    public static PolicySet Of(params Policy[] policies) => Create(policies);

    /// <summary>The legal time zone of a region, from any policy that lists it.</summary>
    public DateTimeZone? ZoneOf(string region) => LawOf(region)?.Zone;

    /// <summary>The region's zone and the policies that list it, or null for a region no policy lists.</summary>
    internal RegionLaw? LawOf(string region) => _regions.GetValueOrDefault(region);

    /// <summary>The policy governing a summons placed on this local date in this region, if any.</summary>
    public Policy? Governing(string region, LocalDate placementDate) => Governing(region, LegalClock.DayNumber(placementDate));

    /// <summary>The policy governing a summons placed on this local day number in this region, if any.</summary>
    public Policy? Governing(string region, int placementDay) => LawOf(region)?.Governing(placementDay);

    public Policy? Find(string id) => Array.Find(_policies, p => p.Id == id);
}
