using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Muster.Core.Border;
using Xunit;

namespace Muster.Core.Tests.Border;

/// <summary>Random input never throws, and whatever reads has every check digit right (recomputed by the oracle).</summary>
public sealed class ParserProperties
{
    private static readonly string[][] Valid = [Specimens.Td3, Specimens.Td1, Specimens.Td2];

    // Mostly MRZ characters, with some that readers (or attackers) might send.
    private static readonly char[] Noise = [.. IcaoOracle.Alphabet, 'a', 'z', ' ', '\n', '\r', '\t', '\0', 'Щ', '\uD800', '\uFFFF', '<'];

    [Property(MaxTest = 2000)]
    public Property Arbitrary_strings_never_throw() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => SoundOrRefused(MrzParser.Parse(text, Specimens.Today)));

    [Property(MaxTest = 2000)]
    public Property Strings_of_mrz_length_from_the_mrz_alphabet_never_read_with_a_wrong_check_digit() =>
        Prop.ForAll(
            Gen.Elements(88, 90, 72)
                .SelectMany(n => Gen.ArrayOf(Gen.Elements(IcaoOracle.Alphabet.ToCharArray()), n))
                .Select(cs => new string(cs))
                .ToArbitrary(),
            text => SoundOrRefused(MrzParser.Parse(text, Specimens.Today)));

    [Property(MaxTest = 5000)]
    public Property Mutated_specimens_never_throw_and_never_read_with_a_wrong_check_digit() =>
        Prop.ForAll(Mutations().ToArbitrary(), text => SoundOrRefused(MrzParser.Parse(text, Specimens.Today)));

    [Property(MaxTest = 1000)]
    public Property Reference_dates_anywhere_in_the_calendar_never_throw() =>
        Prop.ForAll(
            Gen.Choose(-9998, 9999).SelectMany(y => Gen.Choose(1, 12).SelectMany(m => Gen.Choose(1, 28).Select(d => new NodaTime.LocalDate(y, m, d)))).ToArbitrary(),
            date => Valid.All(lines => SoundOrRefused(MrzParser.Parse(string.Join('\n', lines), date))));

    /// <summary>One to four edits of a specimen: replace, insert or delete a character, drawn mostly from the MRZ alphabet.</summary>
    private static Gen<string> Mutations()
    {
        var edit = Gen.Choose(0, 2).SelectMany(kind => Gen.Choose(0, 100).SelectMany(at => Gen.Elements(Noise).Select(c => (kind, at, c))));
        return Gen.Elements(Valid)
            .SelectMany(lines => Gen.Elements("\n", "\r\n", "").Select(sep => string.Join(sep, lines)))
            .SelectMany(text => Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(edit, n)).Select(edits => Apply(text, edits)));
    }

    private static string Apply(string text, (int Kind, int At, char C)[] edits)
    {
        foreach (var (kind, at, c) in edits)
        {
            var i = at % (text.Length + 1);
            text = kind switch
            {
                0 when i < text.Length => text[..i] + c + text[(i + 1)..],
                1 => text[..i] + c + text[i..],
                _ when i < text.Length => text[..i] + text[(i + 1)..],
                _ => text,
            };
        }

        return text;
    }

    /// <summary>A result is sound if it is exactly one of: a document whose check digits all hold, or a list of problems.</summary>
    private static bool SoundOrRefused(MrzParseResult result) =>
        result.Mrz is { } mrz
            ? result.Problems.IsEmpty && IcaoOracle.AllChecksHold(mrz.Format, mrz.Lines)
            : !result.Problems.IsEmpty && result.Problems.All(p => p.Field.Length > 0 && p.Message.Length > 0);
}
