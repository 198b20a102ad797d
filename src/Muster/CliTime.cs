using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Cli;

/// <summary>"Now" at the command line: read once from the clock, unless an option gives it (tests, replaying a day).</summary>
public static class CliTime
{
    /// <summary>The commands' clock: the system's, cut to the microsecond the register keeps (<see cref="RegisterTime"/>).</summary>
    public static IClock Clock { get; } = new MicrosecondClock(SystemClock.Instance);

    public static Instant Now(string option, string? text, IClock clock) =>
        text is null
            ? clock.GetCurrentInstant()
            : TimeFormats.TryParseInstant(text, out var instant)
                ? RegisterTime.Truncate(instant)
                : throw new CliInputException($"{option}: '{text}' is not an ISO-8601 instant like 2026-03-05T12:00:00Z");
}
