using Muster.Core.Border;
using Xunit;

namespace Muster.Core.Tests.Border;

public sealed class SpecimenCheckDigitTests
{
    [Fact]
    public void Every_published_specimen_check_digit_agrees_with_the_algorithm()
    {
        Assert.True(IcaoOracle.AllChecksHold(MrzFormat.Td3, Specimens.Td3));
        Assert.True(IcaoOracle.AllChecksHold(MrzFormat.Td1, Specimens.Td1));
        Assert.True(IcaoOracle.AllChecksHold(MrzFormat.Td2, Specimens.Td2));
    }

    [Theory]
    [InlineData("L898902C3", 6)]
    [InlineData("D23145890", 7)]
    [InlineData("740812", 2)]
    [InlineData("120415", 9)]
    [InlineData("ZE184226B<<<<<", 1)]
    [InlineData("L898902C3674081221204159ZE184226B<<<<<1", 0)]
    [InlineData("", 0)]
    public void The_check_digit_is_7_3_1_weighted_modulo_10(string data, int expected)
    {
        Assert.Equal(expected, IcaoOracle.CheckDigit(data));
        Assert.Equal(expected, MrzCheckDigit.Compute(data));
    }

    [Fact]
    public void A_character_outside_the_alphabet_has_no_check_digit() =>
        Assert.Equal(-1, MrzCheckDigit.Compute("AB c"));
}
