using System.Collections.Immutable;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>Every restriction interval of a person, as the register knew at <see cref="AsOf"/>, and the summonses behind them.</summary>
public sealed record Timeline(
    string PersonId,
    Instant AsOf,
    string? Region,
    ImmutableArray<RestrictionInterval> Intervals,
    ImmutableArray<SummonsState> Summonses,
    ImmutableArray<string> Warnings);
