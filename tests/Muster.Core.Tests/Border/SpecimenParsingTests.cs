using Muster.Core.Border;
using NodaTime;
using Xunit;

namespace Muster.Core.Tests.Border;

public sealed class SpecimenParsingTests
{
    private static Mrz Parse(string[] lines)
    {
        var result = MrzParser.Parse(string.Join('\n', lines), Specimens.Today);
        Assert.True(result.IsValid, result.ToString());
        return result.Mrz!;
    }

    [Fact]
    public void Td3_passport_specimen_reads_field_by_field()
    {
        var mrz = Parse(Specimens.Td3);

        Assert.Equal(MrzFormat.Td3, mrz.Format);
        Assert.Equal("P", mrz.DocumentCode);
        Assert.Equal("UTO", mrz.IssuingState);
        Assert.Equal("ERIKSSON", mrz.PrimaryIdentifier);
        Assert.Equal("ANNA MARIA", mrz.SecondaryIdentifier);
        Assert.False(mrz.NamesMayBeTruncated);
        Assert.Equal("L898902C3", mrz.DocumentNumber);
        Assert.Equal("UTO", mrz.Nationality);
        Assert.Equal(new LocalDate(1974, 8, 12), mrz.BirthDate.Date);
        Assert.Equal(MrzSex.Female, mrz.Sex);
        Assert.Equal(new LocalDate(2012, 4, 15), mrz.ExpiryDate);
        Assert.Equal("ZE184226B", mrz.OptionalData);
        Assert.Equal("", mrz.OptionalData2);
        Assert.Equal(new MrzCheckDigits('6', '2', '9', '1', '0'), mrz.CheckDigits);
        Assert.Equal(Specimens.Td3, mrz.Lines);
    }

    [Fact]
    public void Td1_card_specimen_reads_field_by_field()
    {
        var mrz = Parse(Specimens.Td1);

        Assert.Equal(MrzFormat.Td1, mrz.Format);
        Assert.Equal("I", mrz.DocumentCode);
        Assert.Equal("UTO", mrz.IssuingState);
        Assert.Equal("D23145890", mrz.DocumentNumber);
        Assert.Equal(new LocalDate(1974, 8, 12), mrz.BirthDate.Date);
        Assert.Equal(MrzSex.Female, mrz.Sex);
        Assert.Equal(new LocalDate(2012, 4, 15), mrz.ExpiryDate);
        Assert.Equal("UTO", mrz.Nationality);
        Assert.Equal("", mrz.OptionalData);
        Assert.Equal("", mrz.OptionalData2);
        Assert.Equal("ERIKSSON", mrz.PrimaryIdentifier);
        Assert.Equal("ANNA MARIA", mrz.SecondaryIdentifier);
        Assert.Equal(new MrzCheckDigits('7', '2', '9', null, '6'), mrz.CheckDigits);
    }

    [Fact]
    public void Td2_card_specimen_reads_field_by_field()
    {
        var mrz = Parse(Specimens.Td2);

        Assert.Equal(MrzFormat.Td2, mrz.Format);
        Assert.Equal("I", mrz.DocumentCode);
        Assert.Equal("UTO", mrz.IssuingState);
        Assert.Equal("ERIKSSON", mrz.PrimaryIdentifier);
        Assert.Equal("ANNA MARIA", mrz.SecondaryIdentifier);
        Assert.Equal("D23145890", mrz.DocumentNumber);
        Assert.Equal("UTO", mrz.Nationality);
        Assert.Equal(new LocalDate(1974, 8, 12), mrz.BirthDate.Date);
        Assert.Equal(MrzSex.Female, mrz.Sex);
        Assert.Equal(new LocalDate(2012, 4, 15), mrz.ExpiryDate);
        Assert.Equal("", mrz.OptionalData);
        Assert.Equal(new MrzCheckDigits('7', '2', '9', null, '6'), mrz.CheckDigits);
    }

    [Fact]
    public void A_td1_document_number_longer_than_nine_continues_in_the_optional_data()
    {
        var lines = MrzBuilder.Td1("ERIKSSON<<ANNA", "D23145890AB12", "740812", "300415", optional: "XY7");
        Assert.Equal('<', lines[0][14]);

        var mrz = Parse(lines);

        Assert.Equal("D23145890AB12", mrz.DocumentNumber);
        Assert.Equal("XY7", mrz.OptionalData);
        Assert.Equal(IcaoOracle.CheckChar("D23145890AB12"), mrz.CheckDigits.DocumentNumber);
    }

    [Fact]
    public void A_td2_document_number_longer_than_nine_continues_in_the_optional_data_too()
    {
        const string number = "D23145890123";
        var optional = MrzBuilder.Pad(number[9..] + IcaoOracle.CheckChar(number) + "<", 7);
        var body = $"{number[..9]}<UTO7408122F1204159{optional}";
        var line2 = body + IcaoOracle.CheckChar(body[..10] + body[13..20] + body[21..35]);

        var mrz = Parse([Specimens.Td2[0], line2]);

        Assert.Equal(number, mrz.DocumentNumber);
        Assert.Equal("", mrz.OptionalData);
    }

    [Fact]
    public void A_long_document_number_with_a_wrong_check_digit_is_refused()
    {
        var lines = MrzBuilder.Td1("ERIKSSON<<ANNA", "D23145890AB12", "740812", "300415");
        var good = lines[0][19];
        var bad = good == '9' ? '0' : (char)(good + 1);
        lines[0] = lines[0][..19] + bad + lines[0][20..];

        var result = MrzParser.Parse(string.Join('\n', lines), Specimens.Today);

        Assert.False(result.IsValid);
        Assert.Contains(new MrzProblem("documentNumber", $"check digit {good} expected, found {bad}"), result.Problems);
    }

    [Fact]
    public void A_td3_passport_with_an_empty_personal_number_may_use_a_filler_as_its_check_digit()
    {
        var lines = MrzBuilder.Td3("SMIRNOV<<ALEKSEI", "751234567", "980214", "310101");
        Assert.Equal('<', lines[1][42]);

        var mrz = Parse(lines);

        Assert.Equal("", mrz.OptionalData);
        Assert.Equal('<', mrz.CheckDigits.OptionalData);
    }
}
