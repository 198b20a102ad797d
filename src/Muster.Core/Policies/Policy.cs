using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// One version of the law as data: where it applies (regions and their zones), from when, what
/// counts as delivery, what is checked on issuing, and the rules that derive restrictions.
/// </summary>
public sealed record Policy(
    string Id,
    LocalizedText Title,
    string Jurisdiction,
    LocalDate EffectiveFrom,
    LocalDate? EffectiveUntil,
    FrozenDictionary<string, DateTimeZone> Regions,
    DeliveryRules Delivery,
    IssuingRules Issuing,
    ImmutableArray<PolicyRule> Rules,
    string Source)
{
    private readonly int _fromDay = LegalClock.DayNumber(EffectiveFrom);
    private readonly int _untilDay = EffectiveUntil is { } until ? LegalClock.DayNumber(until) : int.MaxValue;

    /// <summary>Whether this policy governs a summons placed on this local date (until is exclusive).</summary>
    public bool InForceOn(LocalDate date) => InForceOn(LegalClock.DayNumber(date));

    /// <summary>Whether this policy governs a summons placed on this local day number (see <see cref="LegalClock"/>).</summary>
    public bool InForceOn(int localDay) => localDay >= _fromDay && localDay < _untilDay;

    /// <summary>
    /// The issuing checks for a summons placed at <paramref name="placedAt"/> ordering an appearance at
    /// <paramref name="appearanceAt"/> local time: an empty list when it may be issued.
    /// </summary>
    public IReadOnlyList<IssuingRefusal> CheckIssue(Instant placedAt, LocalDateTime appearanceAt, DateTimeZone zone)
    {
        var refusals = new List<IssuingRefusal>();
        var placedLocal = placedAt.InZone(zone).LocalDateTime;
        if (appearanceAt <= placedLocal)
        {
            refusals.Add(new IssuingRefusal("appearanceAt", "not-after-placement",
                $"the appearance time {appearanceAt:uuuu-MM-dd'T'HH:mm} is not after the placement ({placedLocal:uuuu-MM-dd'T'HH:mm} local time)", null));
        }

        if (Issuing.MaxDaysToAppearance is { } max)
        {
            var days = Period.Between(placedLocal.Date, appearanceAt.Date, PeriodUnits.Days).Days;
            if (days > max)
            {
                refusals.Add(new IssuingRefusal("appearanceAt", "appearance-cap",
                    $"the appearance date is {days} days after placement; policy {Id} allows at most {max}", Issuing.LegalBasis));
            }
        }

        return refusals;
    }
}

/// <summary>Why a summons may not be issued: the field at fault, a stable code, a message, the law cited.</summary>
public sealed record IssuingRefusal(string Field, string Code, string Message, string? LegalBasis);
