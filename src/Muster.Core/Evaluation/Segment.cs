using System.Collections.Immutable;
using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// Scratch record of one (summons, rule) interval while evaluating: indices into the fact span
/// instead of copies, so building it allocates nothing. <see cref="Emit"/> turns it into results.
/// </summary>
internal struct Segment
{
    public Policy Policy;
    public PolicyRule Rule;
    public Instant Start;
    public Instant? End;
    public int PlacedIndex;
    public int DeliveryIndex;
    public int LiftIndex;

    public readonly void Emit(ReadOnlySpan<Fact> facts, RestrictionInterval[] into, ref int next)
    {
        var placed = (SummonsPlaced)facts[PlacedIndex];
        var usesDelivery = Rule.Anchor is Anchor.Delivered or Anchor.EffectiveAppearanceDate;
        ImmutableArray<string> causedBy = usesDelivery && DeliveryIndex >= 0
            ? [placed.Id, facts[DeliveryIndex].Id]
            : [placed.Id];
        var liftedBy = LiftIndex >= 0 ? facts[LiftIndex].Id : null;
        foreach (var code in Rule.Restrictions)
        {
            into[next++] = new RestrictionInterval(code, Start, End, Policy.Id, Rule, placed.SummonsId, causedBy, liftedBy);
        }
    }
}
