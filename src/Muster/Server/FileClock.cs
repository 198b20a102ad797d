using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Cli.Server;

/// <summary>
/// TEST ONLY (<see cref="ServerOptions.ClockFile"/>): "now" is the instant written in a file, re-read
/// whenever the file's modification time changes. The end-to-end tests rewrite the file to move the
/// server through weeks of legal time. A file that cannot be read is an error, never the system clock.
/// </summary>
public sealed class FileClock(string path) : IClock
{
    private readonly Lock _lock = new();
    private DateTime _stamp;
    private Instant _now;

    public Instant GetCurrentInstant()
    {
        lock (_lock)
        {
            var stamp = File.GetLastWriteTimeUtc(path);
            if (stamp != _stamp)
            {
                var text = File.ReadAllText(path).Trim();
                _now = TimeFormats.TryParseInstant(text, out var instant)
                    ? instant
                    : throw new InvalidOperationException($"clock file {path}: '{text}' is not an ISO-8601 instant");
                _stamp = stamp;
            }

            return _now;
        }
    }
}
