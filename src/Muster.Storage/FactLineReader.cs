using Muster.Core.Facts;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Storage;

/// <summary>One line of a JSON Lines fact file: its number, and either a fact or why it was refused.</summary>
public readonly record struct FactLine(long LineNumber, Fact? Fact, FactParseError? Error);

/// <summary>
/// Reads a JSON Lines fact file line by line (blank lines are skipped), never throwing on bad content:
/// every bad line comes back with its number and the field at fault.
/// </summary>
public static class FactLineReader
{
    public static IEnumerable<FactLine> Read(Stream stream, Instant recordedAt)
    {
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            FactJson.TryParse(line, recordedAt, out var fact, out var error);
            yield return new FactLine(number, fact, error);
        }
    }

    public static IEnumerable<FactLine> ReadFile(string path, Instant recordedAt)
    {
        using var stream = File.OpenRead(path);
        foreach (var line in Read(stream, recordedAt))
        {
            yield return line;
        }
    }
}
