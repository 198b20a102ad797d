using System.Buffers;
using System.Text;

namespace Muster.Core.Policies;

/// <summary>
/// A policy file's text, decoded as strict UTF-8. File.ReadAllText would quietly turn a damaged byte
/// into U+FFFD, and a legal basis or a region name could then load changed without anyone seeing it;
/// here the first byte that is not UTF-8 is refused with its line and column.
/// </summary>
internal static class PolicyFileText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public static string Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = bytes.AsSpan();
        if (text.StartsWith(Bom))
        {
            text = text[Bom.Length..];
        }

        try
        {
            return Strict.GetString(text);
        }
        catch (DecoderFallbackException)
        {
            // Only now walk the text rune by rune, for the position the decoder does not give as a line and column.
            var bad = FirstInvalid(text, out var line, out var column);
            throw new PolicyException(path, line, column, "", $"not UTF-8: byte 0x{text[bad]:X2} at offset {bad}; save the file as UTF-8");
        }
    }

    /// <summary>The offset of the first byte that does not start a valid UTF-8 sequence, or -1; with its 1-based line and column (in characters).</summary>
    private static int FirstInvalid(ReadOnlySpan<byte> text, out int line, out int column)
    {
        line = 1;
        column = 1;
        for (var offset = 0; offset < text.Length;)
        {
            if (Rune.DecodeFromUtf8(text[offset..], out var rune, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return -1;
    }
}
