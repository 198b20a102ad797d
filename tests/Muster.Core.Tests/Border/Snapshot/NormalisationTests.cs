using Muster.Core.Border.Snapshot;

namespace Muster.Core.Tests.Border.Snapshot;

/// <summary>The register and the MRZ write one document several ways; all must find the same entry.</summary>
public sealed class NormalisationTests
{
    [Theory]
    [InlineData("RUS", "751234567")]
    [InlineData("rus", "751234567")]
    [InlineData(" RUS ", "75 1234567")]
    [InlineData("RUS<", "75-1234567")]
    [InlineData("RUS", "751234567<<")]
    [InlineData("RuS", " 75\t1234567 ")]
    public void Spellings_of_one_document_normalise_alike_and_find_its_entry(string state, string number)
    {
        Assert.Equal("RUS|751234567", DocumentIdentifier.Normalize(state, number));
        Assert.True(SnapshotKeys.Load(SnapshotKeys.Build()).IsBanned(state, number));
    }

    [Fact]
    public void A_one_letter_state_with_fillers_is_the_state()
    {
        Assert.Equal("D|C01X00T47", DocumentIdentifier.Normalize("D<<", "c01x00t47"));
        Assert.True(SnapshotKeys.Load(SnapshotKeys.Build()).IsBanned("D<<", "c01x00t47"));
    }

    [Theory]
    [InlineData("", "751234567", "issuingState")]
    [InlineData("RUSS", "751234567", "issuingState")]
    [InlineData("R1S", "751234567", "issuingState")]
    [InlineData("РУС", "751234567", "issuingState")]
    [InlineData("RUS", "", "documentNumber")]
    [InlineData("RUS", " - < ", "documentNumber")]
    [InlineData("RUS", "75 АБ 1234", "documentNumber")]
    [InlineData("RUS", "75/1234567", "documentNumber")]
    [InlineData("RUS", "12345678901234567890123456789012345678901", "documentNumber")]
    public void What_cannot_be_normalised_is_refused_naming_the_field(string state, string number, string field)
    {
        Assert.StartsWith(field + ":", DocumentIdentifier.Problem(state, number), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SnapshotKeys.Load(SnapshotKeys.Build()).IsBanned(state, number));
    }

    [Fact]
    public void Forty_characters_are_allowed()
    {
        Assert.Null(DocumentIdentifier.Problem("RUS", new string('9', 40)));
        Assert.NotNull(DocumentIdentifier.Problem(null, "1"));
    }
}
