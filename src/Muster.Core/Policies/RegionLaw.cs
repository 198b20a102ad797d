using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// What the policies say about one region: its legal time zone (all policies agree, see
/// <see cref="PolicySet.Create"/>) and the policies that list it, in order of effect.
/// </summary>
internal sealed class RegionLaw(DateTimeZone zone, Policy[] policies)
{
    public DateTimeZone Zone { get; } = zone;

    /// <summary>
    /// A clock with the zone interval in which the latest policy took effect already loaded: the
    /// one almost every summons falls in, so an evaluation starting from a copy rarely asks NodaTime.
    /// </summary>
    public ZoneClock Clock { get; } = ZoneClock.Around(zone, policies[^1].EffectiveFrom.AtStartOfDayInZone(zone).ToInstant());

    /// <summary>The policy governing a summons placed on this local day number, if any.</summary>
    public Policy? Governing(int placementDay)
    {
        foreach (var policy in policies)
        {
            if (policy.InForceOn(placementDay))
            {
                return policy;
            }
        }

        return null;
    }
}
