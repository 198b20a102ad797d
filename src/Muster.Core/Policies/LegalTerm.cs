using NodaTime;

namespace Muster.Core.Policies;

/// <summary>
/// A legal term as a value: how long, counted how. <see cref="EffectiveFrom"/> is the only place
/// where Muster does term arithmetic, so every rule counts days the same way.
/// </summary>
public readonly record struct LegalTerm
{
    public TermCounting Counting { get; }
    public int Days { get; }
    public Duration Elapsed { get; }

    private LegalTerm(TermCounting counting, int days, Duration elapsed)
    {
        Counting = counting;
        Days = days;
        Elapsed = elapsed;
    }

    public static LegalTerm Immediate { get; } = new(TermCounting.Immediate, 0, Duration.Zero);

    public static LegalTerm AfterElapsed(Duration elapsed) =>
        elapsed < Duration.Zero ? throw new ArgumentOutOfRangeException(nameof(elapsed)) : new(TermCounting.Elapsed, 0, elapsed);

    public static LegalTerm StartOfDayAfter(int days) =>
        days < 0 ? throw new ArgumentOutOfRangeException(nameof(days)) : new(TermCounting.StartOfDay, days, Duration.Zero);

    public static LegalTerm CalendarDays(int days) =>
        days < 1 ? throw new ArgumentOutOfRangeException(nameof(days)) : new(TermCounting.CalendarDays, days, Duration.Zero);

    /// <summary>Whether the term needs an instant (not only a date) to count from.</summary>
    public bool NeedsInstant => Counting is TermCounting.Immediate or TermCounting.Elapsed;

    /// <summary>The instant at which the effect starts, counted from the anchor in the person's zone.</summary>
    public Instant EffectiveFrom(AnchorPoint anchor, DateTimeZone zone) => Counting switch
    {
        TermCounting.Immediate => anchor.Instant,
        TermCounting.Elapsed => anchor.Instant + Elapsed,
        TermCounting.StartOfDay => LegalClock.StartOfDay(zone, anchor.LocalDay + Days),
        TermCounting.CalendarDays => LegalClock.StartOfDay(zone, anchor.LocalDay + Days + 1),
        _ => throw new InvalidOperationException($"unknown counting {Counting}"),
    };

    /// <summary>As <see cref="EffectiveFrom(AnchorPoint, DateTimeZone)"/>, on the evaluator's clock.</summary>
    internal Instant EffectiveFrom(AnchorPoint anchor, ref ZoneClock clock) => Counting switch
    {
        TermCounting.Immediate => anchor.Instant,
        TermCounting.Elapsed => anchor.Instant + Elapsed,
        TermCounting.StartOfDay => clock.StartOfDay(anchor.LocalDay + Days),
        TermCounting.CalendarDays => clock.StartOfDay(anchor.LocalDay + Days + 1),
        _ => throw new InvalidOperationException($"unknown counting {Counting}"),
    };

    public override string ToString() => Counting switch
    {
        TermCounting.Immediate => "immediately",
        TermCounting.Elapsed => $"after {Elapsed.TotalHours:0.##} h",
        TermCounting.StartOfDay => $"at 00:00 on day +{Days}",
        TermCounting.CalendarDays => $"after {Days} calendar days (from 00:00 on day +{Days + 1})",
        _ => Counting.ToString(),
    };
}
