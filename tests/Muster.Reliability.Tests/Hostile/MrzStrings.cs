using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Hostile;

/// <summary>
/// Random strings as a border officer's MRZ (POST /api/border/checks): arbitrary text, valid passports
/// with characters replaced, inserted or removed, lines split or joined, lower case, three-line cards,
/// very long input. The answer is a decision (200) or a 400 naming the MRZ or the MRZ field at fault.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class MrzStrings(SqliteApiServer api, ITestOutputHelper output)
{
    private static readonly char[] Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<\n\r abcz«»‹ЁЯ\t\u0000-".ToCharArray();

    /// <summary>Replace (0), insert (1) or remove (2) a character at a position.</summary>
    private static Gen<(int At, char Char, int Kind)> Edit(int length) =>
        from at in Gen.Choose(0, length)
        from c in Gen.Elements(Alphabet)
        from kind in Gen.Choose(0, 2)
        select (at, c, kind);

    [Fact]
    public async Task Any_string_as_an_MRZ_is_a_decision_or_a_400_naming_the_MRZ_field()
    {
        var valid = Mrz.Td3("RUS", "SMIRNOV<<ALEKSEI", "750000001", "RUS", "970412", 'M', "300101");
        var edited =
            from edits in Gen.Choose(1, 6)
            from changes in Gen.ArrayOf(Edit(valid.Length), edits)
            select changes.Aggregate(valid, (mrz, c) =>
            {
                var at = Math.Min(c.At, mrz.Length - 1);
                return c.Kind switch
                {
                    0 => mrz[..at] + c.Char + mrz[(at + 1)..],
                    1 => mrz[..at] + c.Char + mrz[at..],
                    _ => mrz[..at] + mrz[(at + 1)..],
                };
            });
        var strings = Gen.Frequency(
            (5, edited),
            (2, HostileInput.Text),
            (1, Gen.Constant(valid.ToLowerInvariant())),
            (1, Gen.Constant(valid.Replace("\n", "", StringComparison.Ordinal))),
            (1, Gen.Constant(valid.Replace("\n", "\r\n", StringComparison.Ordinal) + "\n")),
            (1, Gen.ArrayOf(Gen.Elements(Alphabet), 90).Select(cs => new string(cs).Insert(30, "\n").Insert(61, "\n"))),
            (1, Gen.Choose(1, 100).Select(n => string.Concat(Enumerable.Repeat(valid, n)))));
        var inputs = HostileInput.Sample(strings, Campaign.FuzzInputs * 3, "mrz");
        var decisions = 0;
        var findings = await Fuzz.RunAsync(inputs,
            async mrz =>
            {
                var answer = await Client.PostAsync(api.Server.Address, "/api/border/checks", api.Key("border"), new { mrz });
                if (answer.Status == 200)
                {
                    Interlocked.Increment(ref decisions);
                }

                return answer;
            },
            (_, answer) => Verdict.Of(answer, field => field == "mrz" || field.StartsWith("mrz.", StringComparison.Ordinal) || answer.Status == 413),
            mrz => System.Text.Json.JsonSerializer.Serialize(mrz));

        await Fuzz.AssertHealthyAsync(api);
        Figures.Report(output, "hostile-mrz", $"{inputs.Length} hostile MRZ strings: {decisions} decisions, {inputs.Length - decisions} refused\n" + Fuzz.Report(findings));
        Assert.True(findings.Count == 0, Fuzz.Report(findings));
    }
}
