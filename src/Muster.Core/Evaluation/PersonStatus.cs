using System.Collections.Immutable;
using NodaTime;

namespace Muster.Core.Evaluation;

/// <summary>
/// The answer to "what applies to this person at <see cref="At"/>, as the register knew at
/// <see cref="AsOf"/>": the restrictions in force, the ones that will start if nothing changes, and
/// the next instant at which this answer can change (null: never, unless a new fact arrives).
/// </summary>
public sealed record PersonStatus(
    string PersonId,
    Instant At,
    Instant AsOf,
    ImmutableArray<RestrictionInterval> InForce,
    ImmutableArray<RestrictionInterval> Upcoming,
    Instant? NextChangeAt,
    ImmutableArray<string> Warnings)
{
    public bool IsRestricted(string code)
    {
        foreach (var r in InForce)
        {
            if (r.Code == code)
            {
                return true;
            }
        }

        return false;
    }
}
