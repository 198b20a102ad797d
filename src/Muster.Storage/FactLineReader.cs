using System.Buffers;
using Muster.Core.Facts;
using Muster.Core.Serialization;
using NodaTime;

namespace Muster.Storage;

/// <summary>One line of a JSON Lines fact file: its number, and either a fact or why it was refused.</summary>
public readonly record struct FactLine(long LineNumber, Fact? Fact, FactParseError? Error);

/// <summary>
/// Reads a JSON Lines fact file line by line (blank lines are skipped), never throwing on bad content:
/// every bad line comes back with its number and the field at fault. Lines are split and parsed as
/// UTF-8 bytes (a UTF-8 byte order mark and CR before LF are allowed), without a detour through strings.
/// </summary>
public static class FactLineReader
{
    private const int BufferSize = 1 << 16;

    public static IEnumerable<FactLine> Read(Stream stream, Instant recordedAt)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int start = 0, end = 0;
            long number = 0;
            var first = true;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline < 0)
                {
                    // Move the partial line to the front, grow if a line is longer than the buffer, read more.
                    var partial = end - start;
                    if (partial == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        Buffer.BlockCopy(buffer, start, larger, 0, partial);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    else if (start > 0)
                    {
                        Buffer.BlockCopy(buffer, start, buffer, 0, partial);
                    }

                    start = 0;
                    end = partial;
                    var read = stream.Read(buffer, end, buffer.Length - end);
                    if (read == 0)
                    {
                        if (end > 0)
                        {
                            number++;
                            if (Parse(buffer.AsSpan(0, end), number, recordedAt, ref first) is { } last)
                            {
                                yield return last;
                            }
                        }

                        yield break;
                    }

                    end += read;
                    continue;
                }

                number++;
                var line = buffer.AsSpan(start, newline - start);
                start = newline + 1;
                if (Parse(line, number, recordedAt, ref first) is { } parsed)
                {
                    yield return parsed;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static IEnumerable<FactLine> ReadFile(string path, Instant recordedAt)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        foreach (var line in Read(stream, recordedAt))
        {
            yield return line;
        }
    }

    private static FactLine? Parse(ReadOnlySpan<byte> line, long number, Instant recordedAt, ref bool first)
    {
        if (first)
        {
            first = false;
            if (line.StartsWith("\uFEFF"u8))
            {
                line = line[3..];
            }
        }

        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }

        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return null;
        }

        FactJson.TryParse(line, recordedAt, out var fact, out var error);
        return new FactLine(number, fact, error);
    }
}
