using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// One (summons, rule) interval of a <see cref="PersonStatus"/>, kept as it was computed: a rule
/// imposes several restriction codes at once, so one entry stands for all of them. Per-code
/// <see cref="RestrictionInterval"/> records are built from it only when a caller asks for them.
/// </summary>
internal readonly record struct StatusEntry(
    Policy Policy,
    PolicyRule Rule,
    Instant Start,
    Instant? End,
    SummonsPlaced Placed,
    Fact? Delivery,
    Fact? Lift)
{
    /// <summary>The per-code records of <paramref name="entries"/>, in the total order of <see cref="IntervalOrder"/>.</summary>
    public static RestrictionInterval[] Records(ReadOnlySpan<StatusEntry> entries)
    {
        var total = 0;
        foreach (ref readonly var entry in entries)
        {
            total += entry.Rule.Restrictions.Length;
        }

        var items = total == 0 ? [] : new RestrictionInterval[total];
        var next = 0;
        foreach (ref readonly var entry in entries)
        {
            entry.Emit(items, ref next);
        }

        IntervalOrder.Sort(items);
        return items;
    }

    /// <summary>One record per code the rule imposes, written into <paramref name="into"/> from <paramref name="next"/>.</summary>
    public void Emit(RestrictionInterval[] into, ref int next)
    {
        var usesDelivery = Rule.Anchor is Anchor.Delivered or Anchor.EffectiveAppearanceDate;
        string[] causedBy = usesDelivery && Delivery is not null ? [Placed.Id, Delivery.Id] : [Placed.Id];
        var caused = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(causedBy);
        foreach (var code in Rule.Restrictions)
        {
            into[next++] = new RestrictionInterval(code, Start, End, Policy.Id, Rule, Placed.SummonsId, caused, Lift?.Id);
        }
    }
}
