using Muster.Api.Tests.Support;

namespace Muster.Api.Tests;

public abstract partial class ApiContract
{
    /// <summary>
    /// An MRZ whose document the register does not know: matched by the ICAO transliteration of the
    /// registered Cyrillic name and the birth date (Щербаков Юрий → SHCHERBAKOV&lt;&lt;IURII), and decided
    /// on that person's status. The printed fields never fall back on names.
    /// </summary>
    [Fact]
    public async Task An_mrz_whose_document_is_not_on_the_register_is_matched_by_the_transliterated_name_and_birth_date()
    {
        var person = NewId("p");
        await RegisterAsync(person, "Щербаков", "Юрий", "1989-11-23");
        await Api.PlaceSummonsAsync(person);
        var otherPassport = NewDigits(9);

        var matched = await BorderCheckAsync(new { mrz = Mrz.Td3("RUS", "SHCHERBAKOV<<IURII", otherPassport, "RUS", "891123", 'M', "310101") });
        Assert.Equal(("deny", "nameAndBirthDate"), (matched.Text("decision"), matched.Text("match")));
        Assert.Equal(["checkedAt", "decision", "match", "reference"], matched.Json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(person, matched.Body, StringComparison.Ordinal);
        Assert.Contains($"POST /api/border/checks {matched.Text("reference")}: deny", await AccessPurposesAsync(person));

        // Born a day later, or another name: nobody on the register, and nobody's access log is written.
        var logged = (await BorderChecksOfAsync(person)).Count;
        var otherDay = await BorderCheckAsync(new { mrz = Mrz.Td3("RUS", "SHCHERBAKOV<<IURII", otherPassport, "RUS", "891124", 'M', "310101") });
        Assert.Equal(("allow", "none"), (otherDay.Text("decision"), otherDay.Text("match")));
        var otherName = await BorderCheckAsync(new { mrz = Mrz.Td3("RUS", "SHCHERBAKOV<<IURIII", otherPassport, "RUS", "891123", 'M', "310101") });
        Assert.Equal(("allow", "none"), (otherName.Text("decision"), otherName.Text("match")));

        // The printed fields match by the document only: the same unknown passport and his birth date find nobody.
        var typed = await BorderCheckAsync(new { documentNumber = otherPassport, issuingState = "RUS", birthDate = "1989-11-23" });
        Assert.Equal(("allow", "none"), (typed.Text("decision"), typed.Text("match")));
        Assert.Equal(logged, (await BorderChecksOfAsync(person)).Count);
    }

    /// <summary>Two namesakes born the same day: never guessed. One banned → refer; both banned → deny (true of whoever it is).</summary>
    [Fact]
    public async Task Two_namesakes_born_the_same_day_are_referred_when_one_is_banned_and_denied_when_both_are()
    {
        var (one, other) = (NewId("p"), NewId("p"));
        await RegisterAsync(one, "Кузнецова", "Дарья", "1991-06-07");
        await RegisterAsync(other, "Кузнецова", "Дарья", "1991-06-07");
        await Api.PlaceSummonsAsync(one);
        var mrz = Mrz.Td3("RUS", "KUZNETSOVA<<DARIA", NewDigits(9), "RUS", "910607", 'F', "310101");

        var referred = await BorderCheckAsync(new { mrz });
        Assert.Equal(("refer", "ambiguous"), (referred.Text("decision"), referred.Text("match")));
        foreach (var person in new[] { one, other })
        {
            Assert.Contains($"POST /api/border/checks {referred.Text("reference")}: refer", await AccessPurposesAsync(person));
        }

        await Api.PlaceSummonsAsync(other);
        var denied = await BorderCheckAsync(new { mrz });
        Assert.Equal(("deny", "ambiguous"), (denied.Text("decision"), denied.Text("match")));
    }

    /// <summary>Registers a person in RU-KGD (admin) with these names and birth date and a passport of their own.</summary>
    private async Task RegisterAsync(string personId, string familyName, string givenNames, string birthDate)
    {
        var reply = await Api.PostAsync("admin", "/api/persons", new
        {
            personId,
            nationalId = NewDigits(10),
            familyName,
            givenNames,
            birthDate,
            region = "RU-KGD",
            documents = new[] { new { kind = "international_passport", number = NewDigits(9), issuingState = "RUS" } },
        });
        Assert.True(reply.Code == 201, reply.ToString());
    }

    /// <summary>Why officials read the person, oldest first (the auditor's own reads are logged too).</summary>
    private async Task<List<string>> AccessPurposesAsync(string personId) =>
        [.. (await Api.GetAsync("auditor", $"/api/persons/{personId}/access-log")).Json.EnumerateArray().Select(a => a.GetProperty("purpose").GetString()!)];

    private async Task<List<string>> BorderChecksOfAsync(string personId) =>
        [.. (await AccessPurposesAsync(personId)).Where(p => p.StartsWith("POST /api/border/checks ", StringComparison.Ordinal))];
}
