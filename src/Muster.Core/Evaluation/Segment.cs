using Muster.Core.Facts;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// Scratch record of one (summons, rule) interval while evaluating: indices into the fact span
/// instead of copies, so building it allocates nothing. <see cref="ToEntry"/> turns it into a result entry.
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

    public readonly StatusEntry ToEntry(ReadOnlySpan<Fact> facts) => new(
        Policy,
        Rule,
        Start,
        End,
        (SummonsPlaced)facts[PlacedIndex],
        DeliveryIndex >= 0 ? facts[DeliveryIndex] : null,
        LiftIndex >= 0 ? facts[LiftIndex] : null);
}
