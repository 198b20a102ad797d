using Muster.Core.Border;
using Xunit;

namespace Muster.Core.Tests.Border;

public sealed class MrzNamesTests
{
    [Theory]
    [InlineData("ANNA<MARIA<<<<<", "ANNA MARIA")]
    [InlineData("  anna   maria ", "ANNA MARIA")]
    [InlineData("RIMSKII-KORSAKOV", "RIMSKII KORSAKOV")]
    [InlineData("O'NEILL", "ONEILL")]
    [InlineData("<<<", "")]
    [InlineData(null, "")]
    public void Normalize_upper_cases_and_turns_fillers_into_single_spaces(string? raw, string normal) =>
        Assert.Equal(normal, MrzNames.Normalize(raw));

    [Theory]
    [InlineData("ERIKSSON<<ANNA<MARIA<<<<<<<<<<", "ERIKSSON", "ANNA MARIA")]
    [InlineData("SMIRNOV<<ALEKSEI", "SMIRNOV", "ALEKSEI")]
    [InlineData("MADONNA<<<<<<<", "MADONNA", "")]
    [InlineData("VAN<DER<BERG<<JAN", "VAN DER BERG", "JAN")]
    public void Split_puts_the_family_name_before_the_first_double_filler(string field, string primary, string secondary) =>
        Assert.Equal((primary, secondary), MrzNames.Split(field));

    [Fact]
    public void Encode_writes_names_the_mrz_way() =>
        Assert.Equal("RIMSKII<KORSAKOV<<NIKOLAI<ANDREEVICH", MrzNames.Encode("Rimskii-Korsakov", "Nikolai Andreevich"));
}
