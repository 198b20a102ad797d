namespace Muster.Core.Border.Snapshot;

/// <summary>
/// The canonical text a document is hashed under: "STATE|NUMBER", e.g. "RUS|751234567".
/// The register and the MRZ write the same document differently ("75 1234567", "D&lt;&lt;"), and a
/// post must find the entry the centre wrote, so both sides normalise the same way:
/// issuing state trimmed, trailing fillers removed, upper case, 1–3 letters A–Z (ICAO 9303 part 3);
/// document number upper case with spaces, hyphens and fillers removed, 1–40 characters A–Z, 0–9.
/// Anything else is refused, not guessed at: a Cyrillic "А" that looks like a Latin "A" would
/// hash to a different entry and let a banned document through.
/// </summary>
public static class DocumentIdentifier
{
    public const int MaxStateLength = 3;
    public const int MaxNumberLength = 40;

    /// <summary>The longest canonical form: state, separator, number.</summary>
    internal const int MaxLength = MaxStateLength + 1 + MaxNumberLength;

    /// <summary>"STATE|NUMBER", or an <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static string Normalize(string issuingState, string documentNumber)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = Write(issuingState, documentNumber, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    /// <summary>Null when the pair can be normalised, otherwise why not (naming the field).</summary>
    public static string? Problem(string? issuingState, string? documentNumber)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return TryWrite(issuingState, documentNumber, buffer, out _, out var problem) ? null : problem;
    }

    /// <summary>Writes the canonical ASCII bytes; allocation-free unless the input is refused.</summary>
    internal static int Write(string? issuingState, string? documentNumber, Span<byte> destination) =>
        TryWrite(issuingState, documentNumber, destination, out var length, out var problem)
            ? length
            : throw new ArgumentException(problem);

    private static bool TryWrite(string? issuingState, string? documentNumber, Span<byte> destination, out int length, out string? problem)
    {
        length = 0;
        var state = (issuingState ?? "").AsSpan().Trim().TrimEnd('<');
        if (state.IsEmpty || state.Length > MaxStateLength)
        {
            problem = $"issuingState: '{issuingState}' is not an ICAO code of 1 to 3 letters";
            return false;
        }

        foreach (var c in state)
        {
            var upper = Upper(c);
            if (upper is < 'A' or > 'Z')
            {
                problem = $"issuingState: '{issuingState}' is not an ICAO code of 1 to 3 letters";
                return false;
            }

            destination[length++] = (byte)upper;
        }

        destination[length++] = (byte)'|';
        var start = length;
        foreach (var c in (documentNumber ?? "").AsSpan())
        {
            if (c is ' ' or '-' or '<' || char.IsWhiteSpace(c))
            {
                continue;
            }

            var upper = Upper(c);
            if (upper is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9')))
            {
                problem = $"documentNumber: '{documentNumber}' has '{c}'; only letters A–Z and digits are allowed";
                return false;
            }

            if (length - start == MaxNumberLength)
            {
                problem = $"documentNumber: '{documentNumber}' is longer than {MaxNumberLength} characters";
                return false;
            }

            destination[length++] = (byte)upper;
        }

        if (length == start)
        {
            problem = $"documentNumber: '{documentNumber}' is empty";
            return false;
        }

        problem = null;
        return true;
    }

    // ASCII only: char.ToUpperInvariant would map other scripts' letters, which are refused anyway.
    private static char Upper(char c) => c is >= 'a' and <= 'z' ? (char)(c - ('a' - 'A')) : c;
}
