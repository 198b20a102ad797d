using Muster.Core.Border;
using NodaTime;
using Xunit;

namespace Muster.Core.Tests.Border;

/// <summary>
/// Two-digit years against the reference date 2026-03-05: birth dates fall in the 100 years ending on
/// it; expiry dates in 1977-2076 (49 years back, 50 ahead).
/// </summary>
public sealed class DatePivotTests
{
    private static MrzParseResult Read(string birth, string expiry) =>
        MrzParser.Parse(string.Join('\n', MrzBuilder.Td3("SMIRNOV<<ALEKSEI", "751234567", birth, expiry)), Specimens.Today);

    [Theory]
    [InlineData("260305", 2026)] // born on the reference day itself
    [InlineData("260306", 1926)] // a day later would be in the future: a century earlier
    [InlineData("000229", 2000)]
    [InlineData("270101", 1927)]
    [InlineData("980214", 1998)]
    public void Birth_dates_resolve_into_the_past(string birth, int year) =>
        Assert.Equal(year, Read(birth, "300101").Mrz?.BirthDate.Year);

    [Theory]
    [InlineData("120415", 2012)] // expired, still read as the date it is
    [InlineData("760101", 2076)]
    [InlineData("770101", 1977)]
    [InlineData("361231", 2036)]
    public void Expiry_dates_resolve_into_a_window_around_the_reference(string expiry, int year) =>
        Assert.Equal(year, Read("980214", expiry).Mrz?.ExpiryDate.Year);

    [Fact]
    public void The_pivot_moves_with_the_reference_date_not_the_clock()
    {
        var lines = string.Join('\n', Specimens.Td3);

        Assert.Equal(new LocalDate(1974, 8, 12), MrzParser.Parse(lines, new LocalDate(2050, 1, 1)).Mrz?.BirthDate.Date);
        Assert.Equal(new LocalDate(2074, 8, 12), MrzParser.Parse(lines, new LocalDate(2100, 1, 1)).Mrz?.BirthDate.Date);
        Assert.Equal(new LocalDate(2112, 4, 15), MrzParser.Parse(lines, new LocalDate(2100, 1, 1)).Mrz?.ExpiryDate);
    }

    [Theory]
    [InlineData("7408<<", 1974, 8, null)]
    [InlineData("74<<<<", 1974, null, null)]
    [InlineData("<<<<<<", null, null, null)]
    public void Unknown_parts_of_a_birth_date_may_be_filled_with_fillers(string birth, int? year, int? month, int? day)
    {
        var mrz = Read(birth, "300101").Mrz;

        Assert.Equal(new MrzBirthDate(year, month, day), mrz?.BirthDate);
        Assert.Null(mrz?.BirthDate.Date);
    }

    [Theory]
    [InlineData("741312", "birthDate", "expiryDate")]
    [InlineData("740230", "birthDate", "expiryDate")]
    [InlineData("7408<2", "birthDate", "expiryDate")]
    [InlineData("010229", "birthDate", "expiryDate")]
    public void Impossible_dates_are_refused(string date, string birthField, string expiryField)
    {
        Assert.Contains(Read(date, "300101").Problems, p => p.Field == birthField && p.Message.StartsWith($"'{date}' is not", StringComparison.Ordinal));
        Assert.Contains(Read("980214", date).Problems, p => p.Field == expiryField && p.Message.StartsWith($"'{date}' is not", StringComparison.Ordinal));
    }

    [Fact]
    public void An_expiry_date_must_be_complete() =>
        Assert.Contains(Read("980214", "30<<<<").Problems, p => p.ToString() == "expiryDate: '30<<<<' is not YYMMDD");
}
