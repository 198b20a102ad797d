using NodaTime;

namespace Muster.Core.Serialization;

/// <summary>
/// The register keeps time to the microsecond: PostgreSQL's timestamptz holds no finer, and a fact at
/// .123456789 would otherwise give a status whose next change is stored as .123457 on one engine and
/// .1234567 on the other, neither of them the instant the law gives. So facts finer than that are
/// refused (<see cref="FieldReader"/>) and the register's clocks are cut to it (<see cref="MicrosecondClock"/>).
/// Terms are whole days, hours or seconds, so every instant computed from whole instants is whole.
/// </summary>
public static class RegisterTime
{
    private const long NanosecondsPerMicrosecond = 1_000;

    /// <summary>The problem an input instant finer than a microsecond is refused with.</summary>
    public static string TooFine(string text) => $"'{text}' is finer than a microsecond: the register keeps time to the microsecond (at most six fraction digits)";

    /// <summary>True when the instant has no part finer than a microsecond.</summary>
    public static bool IsWhole(Instant instant) => instant.InUtc().NanosecondOfSecond % NanosecondsPerMicrosecond == 0;

    /// <summary>The instant with its part finer than a microsecond dropped (towards the past).</summary>
    public static Instant Truncate(Instant instant)
    {
        var below = instant.InUtc().NanosecondOfSecond % NanosecondsPerMicrosecond;
        return instant - Duration.FromNanoseconds(below);
    }
}

/// <summary>A clock cut to the microsecond (the system clock ticks every 100 ns), so what the register stamps it can store exactly.</summary>
public sealed class MicrosecondClock(IClock inner) : IClock
{
    public Instant GetCurrentInstant() => RegisterTime.Truncate(inner.GetCurrentInstant());
}
