using System.Text;

namespace Muster.Core.Border;

/// <summary>Names the way an MRZ writes them: upper-case A-Z, words joined by '&lt;', family and given names split by "&lt;&lt;".</summary>
public static class MrzNames
{
    /// <summary>
    /// Upper-cases, turns fillers and anything that is not a letter A-Z into word breaks, and
    /// collapses them: "Anna&lt;Maria&lt;&lt;&lt;" → "ANNA MARIA". Letters outside A-Z are dropped, so
    /// transliterate first (<see cref="IcaoTransliteration.ToLatin"/>).
    /// </summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        var sb = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var ch in name)
        {
            var c = char.ToUpperInvariant(ch);
            if (char.IsAsciiLetterUpper(c))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(c);
                pendingSpace = false;
            }
            else if (c is '<' or ' ' or '-' or ',' || char.IsWhiteSpace(c))
            {
                pendingSpace = true;
            }

            // Anything else (apostrophes, digits, letters outside A-Z) is dropped without a break:
            // O'NEILL is written ONEILL in an MRZ.
        }

        return sb.ToString();
    }

    /// <summary>Splits a name field at the first "&lt;&lt;" into normalised primary and secondary identifiers.</summary>
    public static (string Primary, string Secondary) Split(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return ("", "");
        }

        var at = field.IndexOf("<<", StringComparison.Ordinal);
        return at < 0 ? (Normalize(field), "") : (Normalize(field[..at]), Normalize(field[(at + 2)..]));
    }

    /// <summary>Writes names the MRZ way, unpadded: ("SMIRNOV", "ALEKSEI") → "SMIRNOV&lt;&lt;ALEKSEI".</summary>
    public static string Encode(string primary, string secondary)
    {
        var p = Normalize(primary).Replace(' ', '<');
        var s = Normalize(secondary).Replace(' ', '<');
        return s.Length == 0 ? p : $"{p}<<{s}";
    }
}
