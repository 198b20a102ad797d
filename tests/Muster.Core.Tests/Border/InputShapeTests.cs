using Muster.Core.Border;
using Xunit;

namespace Muster.Core.Tests.Border;

/// <summary>What readers send: line breaks of any kind or none, padding, blank lines; and what is refused.</summary>
public sealed class InputShapeTests
{
    public static TheoryData<string> AcceptedShapes()
    {
        var l = Specimens.Td3;
        return new TheoryData<string>
        {
            $"{l[0]}\n{l[1]}",
            $"{l[0]}\r\n{l[1]}\r\n",
            $"{l[0]}\r{l[1]}",
            $"{l[0]}{l[1]}",
            $"  \n\n  {l[0]}  \r\n\r\n\t{l[1]}\n  \n",
        };
    }

    [Theory]
    [MemberData(nameof(AcceptedShapes))]
    public void Td3_is_read_whatever_the_line_breaks_and_padding(string text)
    {
        var result = MrzParser.Parse(text, Specimens.Today);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(Specimens.Td3, result.Mrz!.Lines);
    }

    [Fact]
    public void Td1_and_td2_are_read_concatenated_too()
    {
        Assert.Equal(MrzFormat.Td1, MrzParser.Parse(string.Concat(Specimens.Td1), Specimens.Today).Mrz?.Format);
        Assert.Equal(MrzFormat.Td2, MrzParser.Parse(string.Concat(Specimens.Td2), Specimens.Today).Mrz?.Format);
    }

    [Theory]
    [InlineData(null, "mrz: is empty")]
    [InlineData("", "mrz: is empty")]
    [InlineData(" \r\n\t ", "mrz: is empty")]
    [InlineData("P<UTO", "mrz: expected 2 lines of 44 (TD3), 3 of 30 (TD1) or 2 of 36 (TD2), found 1 line of 5")]
    [InlineData("ABC\nDEF\nGHI\nJKL", "mrz: expected 2 lines of 44 (TD3), 3 of 30 (TD1) or 2 of 36 (TD2), found 4 lines of 3, 3, 3, 3")]
    [InlineData("p<uto", "mrz: line 1, position 1: 'p' is not an MRZ character (A-Z, 0-9, <)")]
    [InlineData("AB\u0000", "mrz: line 1, position 3: U+0000 is not an MRZ character (A-Z, 0-9, <)")]
    [InlineData("ЩУКИН", "mrz: line 1, position 1: 'Щ' is not an MRZ character (A-Z, 0-9, <)")]
    public void Other_input_is_refused_with_a_reason(string? text, string first)
    {
        var result = MrzParser.Parse(text, Specimens.Today);

        Assert.False(result.IsValid);
        Assert.Null(result.Mrz);
        Assert.Equal(first, result.Problems[0].ToString());
    }

    [Fact]
    public void A_line_missing_a_character_is_refused_naming_the_line_lengths()
    {
        var result = MrzParser.Parse($"{Specimens.Td3[0]}\n{Specimens.Td3[1][1..]}", Specimens.Today);

        Assert.Equal("mrz: expected 2 lines of 44 (TD3), 3 of 30 (TD1) or 2 of 36 (TD2), found 2 lines of 44, 43", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void Huge_input_is_refused_unread()
    {
        var result = MrzParser.Parse(new string('<', 10_000_000), Specimens.Today);

        Assert.Equal("mrz: is 10000000 characters long; an MRZ has at most 90", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_wrong_check_digit_is_named_with_what_was_expected_and_found()
    {
        var l2 = Specimens.Td3[1];
        var result = MrzParser.Parse($"{Specimens.Td3[0]}\n{l2[..9]}7{l2[10..]}", Specimens.Today);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["documentNumber: check digit 6 expected, found 7", "composite: check digit 7 expected, found 0"],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        // Birth date check, sex and expiry date broken at once.
        var l2 = "L898902C36UTO7408123Q1302300ZE184226B<<<<<10";
        var result = MrzParser.Parse($"{Specimens.Td3[0]}\n{l2}", Specimens.Today);

        Assert.Equal(
            ["birthDate", "sex", "expiryDate", "expiryDate", "composite"],
            result.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_visa_is_not_taken_for_a_passport()
    {
        var lines = MrzBuilder.Td3("ERIKSSON<<ANNA", "L898902C3", "740812", "300415", code: "V<");

        var result = MrzParser.Parse(string.Join('\n', lines), Specimens.Today);

        Assert.Equal("documentCode: visas (MRV) are not read here, only passports and identity cards", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_reference_date_outside_the_iso_calendar_is_refused_not_thrown()
    {
        var julian = Specimens.Today.WithCalendar(NodaTime.CalendarSystem.Julian);

        var result = MrzParser.Parse(string.Join('\n', Specimens.Td3), julian);

        Assert.Equal("referenceDate", Assert.Single(result.Problems).Field);
    }
}
