using Muster.Core.Facts;
using Muster.Core.Serialization;
using Muster.Core.Tests.Support;
using NodaTime;

namespace Muster.Core.Tests.Serialization;

public sealed class FactJsonTests
{
    private static readonly Instant Now = History.I("2026-03-05T12:00:00Z");

    [Fact]
    public void Every_fact_type_survives_a_round_trip_through_its_canonical_line()
    {
        var h = new History("p1", "RU-KGD")
            .Placed("s1", "2026-02-02T09:00:00Z", "2026-02-05T10:00")
            .Opened("s1", "2026-02-02T10:00:00Z").Handed("s1", "2026-02-02T11:00:00Z").Mailed("s1", "2026-02-02T12:00:00Z")
            .MailDelivered("s1", "2026-02-03T12:00:00Z").ValidReason("s1", "2026-02-04T12:00:00Z").Cancelled("s1", "2026-02-05T12:00:00Z")
            .Appeared("2026-02-06T12:00:00Z").Deferment("2026-02-07", "2026-03-07", "2026-02-07T12:00:00Z");
        h.Retract(h.Last.Id, "2026-02-08T12:00:00Z");
        Assert.Equal(FactTypes.All.Count, h.Facts.Select(f => f.Type).Distinct().Count());
        foreach (var fact in h.Facts)
        {
            var line = FactJson.Serialize(fact);
            Assert.True(FactJson.TryParse(line, Now, out var back, out var error), error?.ToString());
            Assert.Equal(fact, back);
            Assert.Equal(line, FactJson.Serialize(back!));
        }
    }

    [Theory]
    [InlineData("{\"type\":\"summons.opened\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\"}", "summonsId", "is required")]
    [InlineData("{\"type\":\"summons.placed\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"summonsId\":\"s1\",\"office\":\"O\",\"appearanceAt\":\"5 Feb\"}", "appearanceAt", "local date-time")]
    [InlineData("{\"type\":\"summons.opened\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02 10:00\",\"summonsId\":\"s1\"}", "occurredAt", "ISO-8601")]
    [InlineData("{\"type\":\"summons.exploded\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\"}", "type", "unknown fact type")]
    [InlineData("{\"type\":\"summons.opened\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"summonsId\":\"s1\",\"colour\":\"red\"}", "colour", "unknown field")]
    [InlineData("{\"type\":\"deferment.granted\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"from\":\"2026-03-01\",\"until\":\"2026-02-01\",\"basis\":\"b\"}", "until", "before")]
    [InlineData("{\"type\":\"person.registered\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"nationalId\":\"1\",\"familyName\":\"A\",\"givenNames\":\"B\",\"birthDate\":\"2000-01-01\",\"region\":\"RU-KGD\",\"documents\":[{\"kind\":\"visa\",\"number\":\"1\",\"issuingState\":\"RUS\"}]}", "documents[0].kind", "passport")]
    [InlineData("{\"type\":\"person.registered\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"nationalId\":\"1\",\"familyName\":\"A\",\"givenNames\":\"B\",\"birthDate\":\"2000-01-01\",\"region\":\"Kaliningrad\"}", "region", "ISO 3166-2")]
    [InlineData("{\"type\":\"summons.opened\",\"id\":\"f 1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"summonsId\":\"s1\"}", "id", "letters, digits")]
    [InlineData("{\"type\":\"summons.opened\",", "", "not valid JSON")]
    [InlineData("[1,2,3]", "", "JSON object")]
    [InlineData("{\"type\":1}", "type", "string")]
    public void A_bad_line_names_the_field_and_never_throws(string line, string field, string message)
    {
        Assert.False(FactJson.TryParse(line, Now, out var fact, out var error));
        Assert.Null(fact);
        Assert.Equal(field, error!.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("occurredAt", "2026-02-02T10:00:00.123456789Z")] // the canonical form's fast path
    [InlineData("occurredAt", "2026-02-02T13:00:00.0000001+03:00")] // the offset form's
    [InlineData("recordedAt", "2026-02-02T10:00:00.1234567Z")] // .NET's tick, still finer than the register keeps
    public void An_instant_finer_than_a_microsecond_is_refused_naming_the_field(string field, string instant)
    {
        // Found by the reliability suite: a fact at .123456789 gave a status whose next change was stored cut to the tick
        // on SQLite (and would be rounded to the microsecond on PostgreSQL), so `db rebuild --verify` saw a difference.
        var at = field == "occurredAt" ? instant : "2026-02-02T10:00:00Z";
        var recorded = field == "recordedAt" ? $",\"recordedAt\":\"{instant}\"" : "";
        var line = $"{{\"type\":\"summons.opened\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"{at}\",\"summonsId\":\"s1\"{recorded}}}";
        Assert.False(FactJson.TryParse(line, Now, out _, out var error));
        Assert.Equal(field, error!.Field);
        Assert.Contains("finer than a microsecond", error.Message, StringComparison.Ordinal);

        Assert.True(FactJson.TryParse(line.Replace(instant, "2026-02-02T10:00:00.123456Z", StringComparison.Ordinal), Now, out var fact, out _));
        Assert.Equal(History.I("2026-02-02T10:00:00Z") + NodaTime.Duration.FromTicks(1_234_560), field == "occurredAt" ? fact!.OccurredAt : fact!.RecordedAt);
    }

    [Fact]
    public void Offsets_are_accepted_and_normalised_to_utc_and_missing_recorded_at_takes_the_default()
    {
        Assert.True(FactJson.TryParse("{\"type\":\"summons.opened\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T13:00:00+03:00\",\"summonsId\":\"s1\"}", Now, out var fact, out _));
        Assert.Equal(History.I("2026-02-02T10:00:00Z"), fact!.OccurredAt);
        Assert.Equal(Now, fact.RecordedAt);
        Assert.Equal("portal", fact.Channel);
    }

    [Theory]
    [InlineData("summonsId", "{\"type\":\"summons.opened\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"summonsId\":\"s\u00FF\u00FE\"}")]
    [InlineData("", "{\"type\":\"summons.opened\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"summonsId\":\"s1\",\"\u00FF\":1}")]
    public void Invalid_utf8_inside_a_string_or_a_field_name_names_the_field_and_never_throws(string field, string latin1Line)
    {
        // Bytes 0xFF 0xFE are never valid UTF-8; JsonDocument accepts them inside strings and fails only when the text is read.
        var bytes = System.Text.Encoding.Latin1.GetBytes(latin1Line);
        Assert.False(FactJson.TryParse(bytes, Now, out var fact, out var error));
        Assert.Null(fact);
        Assert.Equal(field, error!.Field);
        Assert.Contains("not valid text", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("until", "{\"type\":\"deferment.granted\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"from\":\"2026-02-02\",\"until\":\"-0001-01-01\",\"basis\":\"study\"}")]
    [InlineData("occurredAt", "{\"type\":\"summons.opened\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"-9998-01-01T00:00:00Z\",\"summonsId\":\"s1\"}")]
    [InlineData("appearanceAt", "{\"type\":\"summons.placed\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"summonsId\":\"s1\",\"office\":\"KGD-01\",\"appearanceAt\":\"9999-12-31T23:59\"}")]
    public void A_date_outside_the_calendar_that_legal_days_are_counted_in_is_refused_naming_the_field(string field, string line)
    {
        // Found by the reliability suite: a deferment until -0001-01-01 made every evaluation of the person throw (500).
        Assert.False(FactJson.TryParse(line, Now, out _, out var error));
        Assert.Equal(field, error!.Field);
        Assert.Contains("between 1000-01-01 and 8999-12-31", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("familyName", "\"familyName\":\"A\\uD800B\"", "surrogate pair")]
    [InlineData("familyName", "\"familyName\":\"\\uDC00\"", "surrogate pair")]
    [InlineData("documents[0].number", "\"familyName\":\"A\",\"documents\":[{\"kind\":\"passport\",\"number\":\"1\\r\\n2\",\"issuingState\":\"RUS\"}]", "control")]
    public void Text_that_cannot_be_stored_as_sent_is_refused_naming_its_whole_path(string field, string fields, string message)
    {
        // Found by the reliability suite's injection strings: a document's field was named without its path ("number").
        var line = "{\"type\":\"person.registered\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"nationalId\":\"1\",\"givenNames\":\"B\"," +
            "\"birthDate\":\"1999-01-01\",\"region\":\"RU-KGD\"," + fields + "}";
        Assert.False(FactJson.TryParse(line, Now, out _, out var error));
        Assert.Equal(field, error!.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_surrogate_pair_is_text_and_survives_the_round_trip()
    {
        var line = "{\"type\":\"summons.cancelled\",\"id\":\"f1\",\"personId\":\"p1\",\"occurredAt\":\"2026-02-02T10:00:00Z\",\"summonsId\":\"s1\",\"reason\":\"😀🇷🇺\"}";
        Assert.True(FactJson.TryParse(line, Now, out var fact, out _));
        Assert.Equal("😀🇷🇺", ((SummonsCancelled)fact!).Reason);
    }
}
