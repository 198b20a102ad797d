using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Muster.Core.Border;

/// <summary>
/// Cyrillic → Latin as ICAO Doc 9303 part 3 (section 6, table of Cyrillic characters) prescribes,
/// which Russian passports have used since 2013 (FMS order 320): Ю IU, Я IA, Ц TS, Ъ IE, Ь dropped.
/// Older passports used other systems (YU, YA, ...); the register's LatinName covers those.
/// </summary>
public static class IcaoTransliteration
{
    private static readonly FrozenDictionary<char, string> Table = new Dictionary<char, string>
    {
        ['А'] = "A", ['Б'] = "B", ['В'] = "V", ['Г'] = "G", ['Д'] = "D", ['Е'] = "E", ['Ё'] = "E",
        ['Ж'] = "ZH", ['З'] = "Z", ['И'] = "I", ['Й'] = "I", ['К'] = "K", ['Л'] = "L", ['М'] = "M",
        ['Н'] = "N", ['О'] = "O", ['П'] = "P", ['Р'] = "R", ['С'] = "S", ['Т'] = "T", ['У'] = "U",
        ['Ф'] = "F", ['Х'] = "KH", ['Ц'] = "TS", ['Ч'] = "CH", ['Ш'] = "SH", ['Щ'] = "SHCH",
        ['Ъ'] = "IE", ['Ы'] = "Y", ['Ь'] = "", ['Э'] = "E", ['Ю'] = "IU", ['Я'] = "IA",

        // The same table's Ukrainian and Belarusian letters, for names from neighbouring registers.
        ['Ґ'] = "G", ['Є'] = "IE", ['І'] = "I", ['Ї'] = "I", ['Ў'] = "U",
    }.ToFrozenDictionary();

    /// <summary>
    /// Transliterates <paramref name="text"/> into upper-case Latin. Cyrillic letters follow the
    /// table; Latin letters are upper-cased with diacritics removed; everything else is kept as is,
    /// so the result can go through <see cref="MrzNames.Normalize"/> to become an MRZ name.
    /// </summary>
    public static string ToLatin(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // Compose first: Й and Ё typed as И/Е plus a combining mark must hit the table as one letter.
        var composed = Compose(text);
        var sb = new StringBuilder(composed.Length + 8);
        foreach (var ch in composed)
        {
            var upper = char.ToUpperInvariant(ch);
            if (Table.TryGetValue(upper, out var latin))
            {
                sb.Append(latin);
            }
            else
            {
                AppendWithoutDiacritics(sb, upper);
            }
        }

        return sb.ToString();
    }

    // string.Normalize throws on ill-formed UTF-16 (a lone surrogate); such text is used as it is.
    private static string Compose(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static void AppendWithoutDiacritics(StringBuilder sb, char c)
    {
        if (c < 128)
        {
            sb.Append(c);
            return;
        }

        if (char.IsSurrogate(c))
        {
            return;
        }

        foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(part);
            }
        }
    }
}
