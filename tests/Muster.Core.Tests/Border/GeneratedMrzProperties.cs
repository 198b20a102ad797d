using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Muster.Core.Border;
using NodaTime;
using Xunit;

namespace Muster.Core.Tests.Border;

/// <summary>
/// Passports written from random fields: they read back field for field, and breaking any one
/// check digit is refused naming exactly the field it guards (and the composite, which covers it).
/// </summary>
public sealed class GeneratedMrzProperties
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private sealed record Passport(string Family, string Given, string Number, LocalDate Birth, LocalDate Expiry, string Personal);

    private static Gen<string> Word(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray()), n)).Select(cs => new string(cs));

    private static Gen<string> Code(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alnum.ToCharArray()), n)).Select(cs => new string(cs));

    private static Gen<LocalDate> Date(int fromYear, int toYear) =>
        Gen.Choose(0, ((toYear - fromYear) * 366) - 1).Select(d => new LocalDate(fromYear, 1, 1).PlusDays(d));

    private static Arbitrary<Passport> Passports() =>
        (from family in Word(1, 15)
         from given in Word(1, 12)
         from number in Code(1, 9)
         from birth in Date(1927, 2026).Where(d => d <= Specimens.Today)
         from expiry in Date(1978, 2076)
         from personal in Gen.OneOf(Gen.Constant(""), Code(1, 14))
         select new Passport(family, given, number, birth, expiry, personal)).ToArbitrary();

    private static string[] Write(Passport p) =>
        MrzBuilder.Td3($"{p.Family}<<{p.Given}", p.Number, Yymmdd(p.Birth), Yymmdd(p.Expiry), optional: p.Personal);

    private static string Yymmdd(LocalDate d) => $"{d.Year % 100:D2}{d.Month:D2}{d.Day:D2}";

    [Property(MaxTest = 1000)]
    public Property Written_passports_read_back_field_for_field() =>
        Prop.ForAll(Passports(), p =>
        {
            var mrz = MrzParser.Parse(string.Join('\n', Write(p)), Specimens.Today).Mrz;
            return mrz is not null && mrz.PrimaryIdentifier == p.Family && mrz.SecondaryIdentifier == p.Given &&
                   mrz.DocumentNumber == p.Number && mrz.BirthDate.Date == p.Birth && mrz.ExpiryDate == p.Expiry &&
                   mrz.OptionalData == p.Personal;
        });

    [Property(MaxTest = 1000)]
    public Property A_wrong_check_digit_is_refused_naming_its_field() =>
        Prop.ForAll(
            Passports(),
            Gen.Elements((9, "documentNumber"), (19, "birthDate"), (27, "expiryDate"), (43, "composite")).ToArbitrary(),
            Gen.Choose(1, 9).ToArbitrary(),
            (p, check, shift) =>
            {
                var lines = Write(p);
                var (at, field) = check;
                var right = lines[1][at] - '0';
                var wrong = (char)('0' + ((right + shift) % 10));
                lines[1] = lines[1][..at] + wrong + lines[1][(at + 1)..];

                var result = MrzParser.Parse(string.Join('\n', lines), Specimens.Today);

                var named = result.Problems.Select(pr => pr.ToString()).ToList();
                return !result.IsValid && named.Contains($"{field}: check digit {right} expected, found {wrong}") &&
                       result.Problems.All(pr => pr.Field == field || pr.Field == "composite");
            });
}
