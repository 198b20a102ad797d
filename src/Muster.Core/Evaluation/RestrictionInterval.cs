using System.Collections.Immutable;
using Muster.Core.Policies;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// One restriction on one person caused by one summons under one rule, over [Start, End):
/// start-inclusive, end-exclusive, a null End meaning "until lifted". It explains itself:
/// the policy and rule (with legal basis, what lifts it, how), the summons and the facts behind it.
/// </summary>
public sealed record RestrictionInterval(
    string Code,
    Instant Start,
    Instant? End,
    string PolicyId,
    PolicyRule Rule,
    string SummonsId,
    ImmutableArray<string> CausedBy,
    string? LiftedByFactId)
{
    public bool Contains(Instant t) => Start <= t && (End is not { } end || t < end);

    public Interval AsInterval() => new(Start, End);
}
