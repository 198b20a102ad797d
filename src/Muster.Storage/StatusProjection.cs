using System.Collections.Immutable;
using NodaTime;

namespace Muster.Storage;

/// <summary>
/// The status projection of a person: the restriction codes in force when it was evaluated, and
/// the next instant the answer can change (null: not unless a new fact arrives). A cache of
/// <c>Evaluator.Evaluate</c>; the log stays the truth.
/// </summary>
public sealed record StatusProjection(string PersonId, ImmutableArray<string> InForce, Instant? NextChangeAt, Instant EvaluatedAt, long Version);
