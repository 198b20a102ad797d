using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Hostile;

/// <summary>
/// Hostile query strings (at, asOf, nationalId, document, issuingState, the feed's after and limit) and
/// path segments (person, summons, fact and webhook ids), percent-encoded as sent — invalid UTF-8 and
/// broken escapes included. A refusal names the parameter; nothing is a 5xx. (A request line over 8 KB
/// and a NUL in the path are refused by Kestrel with a bare 414 or 400 before Muster sees them.)
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class QueriesAndPaths(SqliteApiServer api, ITestOutputHelper output)
{
    /// <summary>A parameter to attack; <c>Fields</c> null: a path segment, where an odd value may route elsewhere (any named field will do).</summary>
    private sealed record Target(string Name, string Caller, Func<string, string> Path, string[]? Fields, HttpMethod? Method = null);

    private static readonly Target[] Targets =
    [
        new("status at", "admin", v => $"/api/persons/p-own/status?at={v}", ["at"]),
        new("status asOf", "admin", v => $"/api/persons/p-own/status?asOf={v}", ["asOf"]),
        new("timeline asOf", "admin", v => $"/api/persons/p-own/timeline?asOf={v}", ["asOf"]),
        new("me/status at", "citizen", v => $"/api/me/status?at={v}", ["at"]),
        new("me/status asOf", "citizen", v => $"/api/me/status?asOf={v}&at={v}", ["at", "asOf"]),
        new("persons nationalId", "admin", v => $"/api/persons?nationalId={v}", ["nationalId"]),
        new("persons document", "clerk", v => $"/api/persons?document={v}&issuingState=RUS", ["document", "issuingState"]),
        new("persons issuingState", "agency", v => $"/api/persons?document=750000001&issuingState={v}", ["issuingState"]),
        new("feed after", "agency", v => $"/api/feed?after={v}", ["after"]),
        new("feed limit", "agency", v => $"/api/feed?after=0&limit={v}", ["limit"]),
        new("feed agency", "admin", v => $"/api/feed?agency={v}", ["agency"]),
        new("person id", "admin", v => $"/api/persons/{v}", null),
        new("person status id", "auditor", v => $"/api/persons/{v}/status?at=2026-03-02T06:00:00Z", null),
        new("summons id", "admin", v => $"/api/summonses/{v}", null),
        new("fact id", "clerk", v => $"/api/facts/{v}/retract", null, HttpMethod.Post),
        new("webhook id", "agency", v => $"/api/webhooks/{v}", null),
    ];

    /// <summary>Broken escapes and encoded bytes that are not UTF-8.</summary>
    private static readonly string[] RawEscapes = ["%", "%zz", "%00", "%ED%A0%80", "%C3%28", "%FF%FE", "%2F..%2F", "..", "%20", "+", "a%26at%3Dx", "%E2%80%AE"];

    [Fact]
    public async Task Hostile_query_strings_and_path_ids_are_refused_naming_the_parameter_never_with_a_500()
    {
        var value = Gen.Frequency((6, HostileInput.Text.Select(Escape)), (1, Gen.Elements(RawEscapes)));
        var inputs = Targets.SelectMany(t => HostileInput.Sample(value, Campaign.FuzzInputs / 2, t.Name).Select(v => (Target: t, Value: v))).ToList();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var findings = await Fuzz.RunAsync(inputs,
            async i =>
            {
                var answer = await Client.SendAsync(api.Server.Address, i.Target.Method ?? HttpMethod.Get, i.Target.Path(i.Value), api.Key(i.Target.Caller),
                    i.Target.Method == HttpMethod.Post ? new { reason = "x" } : null);
                statuses.AddOrUpdate(answer.Status ?? 0, 1, (_, n) => n + 1);
                return answer;
            },
            (i, answer) => RefusedByKestrel(i.Target.Path(i.Value), answer) ? null : Verdict.Of(answer, field => i.Target.Fields?.Contains(field) != false || answer.Status is 404 or 405),
            i => $"{i.Target.Name}: {i.Target.Path(i.Value)}");

        await Fuzz.AssertHealthyAsync(api);
        Figures.Report(output, "hostile-queries",
            $"{inputs.Count} hostile query strings and path ids on {Targets.Length} parameters: answered {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"))}\n" + Fuzz.Report(findings));
        Assert.True(findings.Count == 0, Fuzz.Report(findings));
    }

    /// <summary>
    /// Refused by the HTTP server itself, before Muster sees the request, with a bare status: a request line
    /// over Kestrel's limit (8 KB, 414) or a NUL byte in the path (400). Nothing of Muster runs.
    /// </summary>
    private static bool RefusedByKestrel(string path, Answer answer) =>
        answer is { Status: 414, Body: "" } || (answer is { Status: 400, Body: "" } && path.Split('?')[0].Contains("%00", StringComparison.Ordinal));

    /// <summary>Percent-encodes every byte but the unreserved ones; a lone surrogate becomes the bytes of its (invalid) UTF-8 form.</summary>
    private static string Escape(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i]) && !(i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1])))
            {
                bytes.AddRange([(byte)(0xE0 | (text[i] >> 12)), (byte)(0x80 | ((text[i] >> 6) & 0x3F)), (byte)(0x80 | (text[i] & 0x3F))]);
                continue;
            }

            var length = char.IsSurrogatePair(text, i) ? 2 : 1;
            bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, length)));
            i += length - 1;
        }

        return string.Concat(bytes.Select(b => (char)b is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.' or '~' ? ((char)b).ToString() : $"%{b:X2}"));
    }
}
