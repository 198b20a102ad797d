using Muster.Core.Border;
using Xunit;

namespace Muster.Core.Tests.Border;

public sealed class IcaoTransliterationTests
{
    [Theory]
    [InlineData("Щукин", "SHCHUKIN")]
    [InlineData("Цой", "TSOI")]
    [InlineData("Юлия", "IULIIA")]
    [InlineData("Смирнов", "SMIRNOV")]
    [InlineData("Алексей", "ALEKSEI")]
    [InlineData("Жуков", "ZHUKOV")]
    [InlineData("Хабенский", "KHABENSKII")]
    [InlineData("Чайковский", "CHAIKOVSKII")]
    [InlineData("Шишкин", "SHISHKIN")]
    [InlineData("Рыбаков", "RYBAKOV")]
    [InlineData("Игорь", "IGOR")]
    [InlineData("Эдуард", "EDUARD")]
    [InlineData("Фёдор", "FEDOR")]
    [InlineData("Артём", "ARTEM")]
    [InlineData("Ковальчук", "KOVALCHUK")]
    [InlineData("Римский-Корсаков", "RIMSKII-KORSAKOV")]
    public void Russian_names_follow_the_icao_9303_table(string cyrillic, string latin) =>
        Assert.Equal(latin, IcaoTransliteration.ToLatin(cyrillic));

    [Fact]
    public void Hard_sign_is_ie_so_podyachev_is_podieiachev()
    {
        // The brief's "PODIACHEV" drops Ъ; the ICAO table maps Ъ to IE and Я to IA, so ПОДЪЯЧЕВ is
        // P-O-D-IE-IA-CH-E-V. That is what Russian passports print.
        Assert.Equal("PODIEIACHEV", IcaoTransliteration.ToLatin("Подъячев"));
        Assert.Equal("PODIEIACHEV", IcaoTransliteration.ToLatin("ПОДЪЯЧЕВ"));
    }

    [Fact]
    public void Every_letter_of_the_russian_alphabet_has_its_table_value()
    {
        const string cyrillic = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ";
        string[] latin =
        [
            "A", "B", "V", "G", "D", "E", "E", "ZH", "Z", "I", "I", "K", "L", "M", "N", "O", "P", "R", "S",
            "T", "U", "F", "KH", "TS", "CH", "SH", "SHCH", "IE", "Y", "", "E", "IU", "IA",
        ];

        Assert.Equal(latin, cyrillic.Select(c => IcaoTransliteration.ToLatin(c.ToString())));
        Assert.Equal(latin, cyrillic.ToLowerInvariant().Select(c => IcaoTransliteration.ToLatin(c.ToString())));
    }

    [Fact]
    public void Decomposed_short_i_and_yo_are_composed_first()
    {
        // И + combining breve, Е + combining diaeresis, as some keyboards and databases store them.
        Assert.Equal("SERGEI", IcaoTransliteration.ToLatin("Серге\u0438\u0306"));
        Assert.Equal("SEMEN", IcaoTransliteration.ToLatin("Сем\u0435\u0308н"));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("Müller", "MULLER")]
    [InlineData("O'Neill", "O'NEILL")]
    public void Other_text_is_upper_cased_without_diacritics_and_never_throws(string? text, string latin) =>
        Assert.Equal(latin, IcaoTransliteration.ToLatin(text));

    [Fact]
    public void A_lone_surrogate_is_dropped_not_thrown_on() =>
        Assert.Equal("XY", IcaoTransliteration.ToLatin("x\uD800y\uDC00"));
}
