using System.Collections.Immutable;
using Muster.Core.Border;
using Muster.Core.Facts;
using NodaTime;
using Xunit;

namespace Muster.Core.Tests.Border;

public sealed class MrzMatcherTests
{
    private static readonly LocalDate Born = new(1998, 2, 14);

    private static PersonRegistered Person(
        string id, string family, string given, LocalDate? born = null, string? patronymic = null,
        string? latin = null, params IdentityDocument[] documents) => new()
        {
            Id = $"fact-{id}-{family}",
            PersonId = id,
            OccurredAt = Instant.FromUtc(2025, 1, 1, 0, 0),
            RecordedAt = Instant.FromUtc(2025, 1, 1, 0, 0),
            NationalId = $"NID-{id}",
            FamilyName = family,
            GivenNames = given,
            Patronymic = patronymic,
            LatinName = latin,
            BirthDate = born ?? Born,
            Region = "RU-MOW",
            Documents = [.. documents],
        };

    private static IdentityDocument Passport(string number, string state = "RUS") =>
        new(IdentityDocument.InternationalPassport, number, state);

    private static Mrz Scan(string names, string number = "751234567", string birth = "980214")
    {
        var result = MrzParser.Parse(string.Join('\n', MrzBuilder.Td3(names, number, birth, "300101")), Specimens.Today);
        Assert.True(result.IsValid, result.ToString());
        return result.Mrz!;
    }

    [Fact]
    public void Document_number_issuing_state_and_birth_date_match_exactly()
    {
        var smirnov = Person("p1", "Смирнов", "Алексей", documents: Passport("75 1234567"));
        var namesake = Person("p2", "Смирнов", "Алексей");

        var match = MrzMatcher.Match(Scan("SMIRNOV<<ALEKSEI"), [smirnov], [smirnov, namesake]);

        Assert.Equal(new MrzMatch.Matched(smirnov, MatchBasis.Document), match);
    }

    [Fact]
    public void A_document_of_another_state_or_birth_date_does_not_match_by_document()
    {
        var otherState = Person("p1", "Иванов", "Пётр", documents: Passport("751234567", "KAZ"));
        var otherBirth = Person("p2", "Петров", "Иван", born: new LocalDate(1998, 2, 15), documents: Passport("751234567"));

        var match = MrzMatcher.Match(Scan("SMIRNOV<<ALEKSEI"), [otherState, otherBirth], []);

        Assert.Equal(MrzMatch.NotFound.Instance, match);
    }

    [Fact]
    public void Without_a_known_document_name_and_birth_date_match()
    {
        var shchukin = Person("p1", "Щукин", "Юлий", patronymic: "Петрович");
        var elder = Person("p2", "Щукин", "Юлий", born: new LocalDate(1968, 2, 14));

        var match = MrzMatcher.Match(Scan("SHCHUKIN<<IULII"), [], [shchukin, elder]);

        Assert.Equal(new MrzMatch.Matched(shchukin, MatchBasis.NameAndBirthDate), match);
    }

    [Fact]
    public void An_internal_passport_mrz_with_the_patronymic_matches_too()
    {
        var podyachev = Person("p1", "Подъячев", "Юлия", patronymic: "Андреевна");

        var match = MrzMatcher.Match(Scan("PODIEIACHEV<<IULIIA<ANDREEVNA"), [], [podyachev]);

        Assert.Equal(new MrzMatch.Matched(podyachev, MatchBasis.NameAndBirthDate), match);
    }

    [Fact]
    public void A_passport_under_the_old_transliteration_matches_through_the_recorded_latin_name()
    {
        var tsoi = Person("p1", "Цой", "Юлия", latin: "TSOY<<YULIYA");

        Assert.Equal(new MrzMatch.Matched(tsoi, MatchBasis.NameAndBirthDate), MrzMatcher.Match(Scan("TSOY<<YULIYA"), [], [tsoi]));
        Assert.Equal(new MrzMatch.Matched(tsoi, MatchBasis.NameAndBirthDate), MrzMatcher.Match(Scan("TSOI<<IULIIA"), [], [tsoi]));
    }

    [Fact]
    public void Two_namesakes_born_the_same_day_are_ambiguous_not_guessed()
    {
        var one = Person("p1", "Смирнов", "Алексей");
        var other = Person("p2", "Смирнов", "Алексей", patronymic: "Иванович");

        var match = MrzMatcher.Match(Scan("SMIRNOV<<ALEKSEI"), [], [one, other]);

        AssertAmbiguous(match, MatchBasis.NameAndBirthDate, one, other);
    }

    [Fact]
    public void Two_people_on_record_with_the_same_document_are_ambiguous()
    {
        var one = Person("p1", "Смирнов", "Алексей", documents: Passport("751234567"));
        var other = Person("p2", "Кузнецов", "Иван", documents: Passport("751234567"));

        AssertAmbiguous(MrzMatcher.Match(Scan("SMIRNOV<<ALEKSEI"), [one, other], []), MatchBasis.Document, one, other);
    }

    [Fact]
    public void A_person_listed_twice_or_re_registered_counts_once_as_last_recorded()
    {
        var before = Person("p1", "Смирнов", "Алексей");
        var after = before with { Id = "fact-2", RecordedAt = before.RecordedAt + Duration.FromDays(1), FamilyName = "Смирнов" };

        var match = MrzMatcher.Match(Scan("SMIRNOV<<ALEKSEI"), [after, before], [before, after]);

        Assert.Equal(new MrzMatch.Matched(after, MatchBasis.NameAndBirthDate), match);
    }

    [Fact]
    public void A_re_registration_that_drops_a_document_no_longer_matches_by_it()
    {
        var before = Person("p1", "Кузнецов", "Иван", documents: Passport("751234567"));
        var after = before with { Id = "fact-2", RecordedAt = before.RecordedAt + Duration.FromDays(1), Documents = ImmutableArray<IdentityDocument>.Empty };

        Assert.Equal(MrzMatch.NotFound.Instance, MrzMatcher.Match(Scan("SMIRNOV<<ALEKSEI"), [before, after], []));
    }

    [Fact]
    public void Nobody_fitting_is_not_found()
    {
        var other = Person("p1", "Смирнов", "Алексей");

        Assert.Equal(MrzMatch.NotFound.Instance, MrzMatcher.Match(Scan("SMIRNOV<<ALEKSANDR"), [], [other]));
        Assert.Equal(MrzMatch.NotFound.Instance, MrzMatcher.Match(Scan("SMIRNOV<<ALEKSEI", birth: "980215"), [], [other]));
        Assert.Equal(MrzMatch.NotFound.Instance, MrzMatcher.Match(Scan("SMIRNOV<<ALEKSEI"), [], []));
    }

    [Fact]
    public void A_given_name_that_is_only_a_prefix_does_not_match_when_the_field_was_not_full()
    {
        // "ALEKSEI" is a prefix of "ALEKSEIEV..." only by accident; the field has room to spare, so no truncation happened.
        var other = Person("p1", "Смирнов", "Алексеий");

        Assert.Equal(MrzMatch.NotFound.Instance, MrzMatcher.Match(Scan("SMIRNOV<<ALEKSEI"), [], [other]));
    }

    [Fact]
    public void A_name_cut_at_the_field_length_matches_the_full_name()
    {
        // 39 positions: family (24) + << + given names, cut mid-word.
        var person = Person("p1", "Константинопольский-Шереметев", "Александр", patronymic: "Вячеславович");
        var full = "KONSTANTINOPOLSKII<SHEREMETEV<<ALEKSANDR<VIACHESLAVOVICH";
        var mrz = Scan(full);
        Assert.True(mrz.NamesMayBeTruncated);
        Assert.Equal(full[..39], mrz.NameField);

        Assert.Equal(new MrzMatch.Matched(person, MatchBasis.NameAndBirthDate), MrzMatcher.Match(mrz, [], [person]));
    }

    [Fact]
    public void A_name_cut_at_a_word_break_still_matches()
    {
        // A 37-letter family name fills the 39 positions with its "<<": the given name is cut off
        // entirely, and the field ends in fillers, indistinguishable from padding.
        var person = Person("p1", "Шереметев" + new string('а', 27), "Ян");
        var family = MrzNames.Normalize(IcaoTransliteration.ToLatin(person.FamilyName));
        Assert.Equal(37, family.Length);
        var mrz = Scan(family + "<<IAN");
        Assert.Equal(family + "<<", mrz.NameField);
        Assert.False(mrz.NamesMayBeTruncated);

        Assert.Equal(new MrzMatch.Matched(person, MatchBasis.NameAndBirthDate), MrzMatcher.Match(mrz, [], [person]));
    }

    [Fact]
    public void A_truncated_name_shared_by_two_people_is_ambiguous()
    {
        var one = Person("p1", "Константинопольский-Шереметев", "Александр");
        var other = Person("p2", "Константинопольский-Шереметев", "Александра");
        var mrz = Scan("KONSTANTINOPOLSKII<SHEREMETEV<<ALEKSANDR");

        AssertAmbiguous(MrzMatcher.Match(mrz, [], [one, other]), MatchBasis.NameAndBirthDate, one, other);
    }

    [Fact]
    public void With_part_of_the_birth_date_unknown_only_a_document_can_match()
    {
        var smirnov = Person("p1", "Смирнов", "Алексей", documents: Passport("751234567"));
        var mrz = Scan("SMIRNOV<<ALEKSEI", birth: "98<<<<");

        Assert.Equal(new MrzMatch.Matched(smirnov, MatchBasis.Document), MrzMatcher.Match(mrz, [smirnov], []));
        Assert.Equal(MrzMatch.NotFound.Instance, MrzMatcher.Match(mrz, [], [smirnov with { Documents = [] }]));
    }

    /// <summary>Ambiguous at that step, naming exactly these people (each once), so a caller can decide on all of them.</summary>
    private static void AssertAmbiguous(MrzMatch match, MatchBasis at, params PersonRegistered[] people)
    {
        var ambiguous = Assert.IsType<MrzMatch.Ambiguous>(match);
        Assert.Equal(at, ambiguous.At);
        Assert.Equal(people.Length, ambiguous.Count);
        Assert.Equal(people.Select(p => p.PersonId).Order(StringComparer.Ordinal), ambiguous.People.Select(p => p.PersonId).Order(StringComparer.Ordinal));
    }
}
