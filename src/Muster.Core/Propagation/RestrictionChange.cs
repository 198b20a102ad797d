using NodaTime;

namespace Muster.Core.Propagation;

/// <summary>
/// One transition of one restriction of one person, as carried to the agency that enforces it.
/// <see cref="Id"/> is derived from the content (person, code, summons, rule, start, kind, generation), so the
/// same transition always has the same id: consumers de-duplicate by it and a re-run writes nothing twice.
/// <see cref="CodeInForceAfter"/> says whether the person is still restricted by <see cref="Code"/> after this
/// change (another summons may keep it in force), so a consumer can simply set its flag to it.
/// <see cref="Generation"/> is 0 for an interval's first imposition and lift; an interval whose lift was
/// later retracted is imposed again (effective when the register learnt it) as generation 1, and so on.
/// </summary>
public sealed record RestrictionChange(
    string Id,
    string PersonId,
    string Code,
    ChangeKind Kind,
    Instant EffectiveAt,
    string SummonsId,
    string RuleId,
    string PolicyId,
    Instant IntervalStart,
    string? CauseFactId,
    bool Withdrawn,
    bool CodeInForceAfter,
    int Generation = 0)
{
    /// <summary>The key of the interval this change belongs to; an imposed and its lift share it.</summary>
    public string IntervalKey => ChangeIds.IntervalKey(PersonId, Code, SummonsId, RuleId, IntervalStart);
}
