using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Muster.Core.Facts;
using Muster.Core.Serialization;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Hostile;

/// <summary>
/// JSON Lines fact files with damaged lines — fields removed or replaced by hostile values, unknown fields,
/// truncated lines, garbage, invalid UTF-8, an id reused with other content — through POST /api/import and
/// through `muster import`. Every bad line is reported with its number and a reason naming the field;
/// every other line is stored (or was already); a rejected line leaves nothing of itself behind.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class Imports(SqliteApiServer api, ITestOutputHelper output)
{
    private sealed record FactFile(string Name, IReadOnlyList<byte[]> Lines, IReadOnlyList<Fact?> Originals)
    {
        public byte[] Bytes => [.. Lines.SelectMany(l => (byte[])[.. l, (byte)'\n'])];
    }

    [Fact]
    public async Task Damaged_fact_files_are_imported_line_by_line_with_bad_lines_numbered_and_nothing_half_stored()
    {
        var files = HostileInput.Sample(Files(), Math.Max(4, Campaign.FuzzInputs / 10), "import").Select((f, n) => f with { Name = $"file{n}" }).ToList();
        var problems = new List<string>();
        long lines = 0, rejected = 0, stored = 0;
        foreach (var file in files)
        {
            var content = new ByteArrayContent(file.Bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
            var answer = await Client.SendAsync(api.Server.Address, HttpMethod.Post, "/api/import", api.Key("admin"), content);
            lines += file.Lines.Count;
            if (answer.Status != 200)
            {
                problems.Add($"{file.Name}: {answer}");
                continue;
            }

            var summary = JsonDocument.Parse(answer.Body).RootElement;
            var rejections = summary.GetProperty("rejected").EnumerateArray().Select(r => (Line: r.GetProperty("line").GetInt64(), Reason: r.GetProperty("reason").GetString()!)).ToList();
            rejected += rejections.Count;
            stored += summary.GetProperty("stored").GetInt64();
            problems.AddRange(await CheckAsync(api.Db, file, summary, rejections));
        }

        var cli = await CliAsync(files.Take(3).ToList());
        problems.AddRange(cli.Problems);
        await Fuzz.AssertHealthyAsync(api);
        var rebuild = await Reconciliation.VerifyProjectionsAsync(api.Db);
        var audit = await Reconciliation.VerifyAuditChainAsync(api.Db);
        Figures.Report(output, "hostile-import",
            $"{files.Count} damaged fact files, {lines} lines, through POST /api/import: {rejected} lines rejected with their numbers, {stored} facts stored; " +
            $"{cli.Files} of them through `muster import` too ({cli.Rejected} rejections printed as FILE:LINE)\n" +
            $"db rebuild --verify: {Reconciliation.FirstLine(rebuild)}\naudit verify: {Reconciliation.FirstLine(audit)}\n" +
            $"{problems.Count} problems (seed {Campaign.Seed})" + string.Concat(problems.Take(15).Select(p => "\n  " + p)));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(15)));
        Assert.True(rejected > 0 && stored > 0, "the campaign never mixed good and bad lines");
    }

    /// <summary>What the summary says against the file and the store: counts add up, bad lines named, good lines stored, rejected ones absent.</summary>
    private static async Task<IReadOnlyList<string>> CheckAsync(string db, FactFile file, JsonElement summary, IReadOnlyList<(long Line, string Reason)> rejections)
    {
        var problems = new List<string>();
        var read = summary.GetProperty("read").GetInt64();
        if (summary.GetProperty("stored").GetInt64() + summary.GetProperty("alreadyPresent").GetInt64() + rejections.Count != read || read > file.Lines.Count)
        {
            problems.Add($"{file.Name}: the summary does not add up: {summary}");
        }

        foreach (var (line, reason) in rejections)
        {
            if (line < 1 || line > file.Lines.Count || string.IsNullOrWhiteSpace(reason))
            {
                problems.Add($"{file.Name}: rejection of line {line} ({reason}) names no line of the file");
            }
        }

        var bad = rejections.Select(r => r.Line).ToHashSet();
        await using var store = await Reconciliation.OpenAsync(db);
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var number = i + 1;
            var (id, personId) = IdsOf(file.Lines[i]);
            if (bad.Contains(number) || id is null)
            {
                continue;
            }

            accepted.Add(id);
            if (!(await store.ReadPersonAsync(personId!)).Facts.Any(f => f.Id == id))
            {
                problems.Add($"{file.Name}:{number}: not rejected, yet fact {id} is not stored: {Fuzz.Shorten(Encoding.UTF8.GetString(file.Lines[i]))}");
            }
        }

        foreach (var number in bad)
        {
            if (file.Originals[(int)number - 1] is { } original && !accepted.Contains(original.Id)
                && (await store.ReadPersonAsync(original.PersonId)).Facts.Any(f => f.Id == original.Id))
            {
                problems.Add($"{file.Name}:{number}: rejected, yet fact {original.Id} is stored");
            }
        }

        return problems;
    }

    private static (string? Id, string? PersonId) IdsOf(byte[] line)
    {
        try
        {
            var json = JsonNode.Parse(line) as JsonObject;
            return (json?["id"]?.GetValue<string>(), json?["personId"]?.GetValue<string>());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return (null, null);
        }
    }

    /// <summary>The same files through the real `muster import` (into a store of its own): exit 0 or 2, each rejection as FILE:LINE, never a stack trace.</summary>
    private static async Task<(int Files, int Rejected, IReadOnlyList<string> Problems)> CliAsync(IReadOnlyList<FactFile> files)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"muster-import-fuzz-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var problems = new List<string>();
        var printed = 0;
        try
        {
            foreach (var file in files)
            {
                var path = Path.Combine(folder, file.Name + ".jsonl");
                await File.WriteAllBytesAsync(path, file.Bytes);
                var run = await Processes.RunAsync("dotnet", [MusterCli.Dll, "import", "--db", "sqlite:" + Path.Combine(folder, "cli.db"), path]);
                var numbered = System.Text.RegularExpressions.Regex.Matches(run.Output, $@"rejected {file.Name}\.jsonl:\d+: \S").Count;
                printed += numbered;
                if (run.ExitCode is not (0 or 2) || run.All.Contains("Unhandled exception", StringComparison.Ordinal) || run.All.Contains("   at ", StringComparison.Ordinal)
                    || (run.ExitCode == 2) != (numbered > 0))
                {
                    problems.Add($"muster import {file.Name}: exit {run.ExitCode}: {Fuzz.Shorten(run.All)}");
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        return (files.Count, printed, problems);
    }

    /// <summary>A file of five persons' histories (registered, summoned, some appeared, cancelled or retracted), about a third of its lines damaged.</summary>
    private static Gen<FactFile> Files() =>
        from tag in Gen.Choose(0, int.MaxValue)
        let facts = History($"imp{tag:x8}")
        from damage in Gen.ArrayOf(Damage(facts), facts.Count)
        select Build(facts, damage);

    private static List<Fact> History(string tag)
    {
        var facts = new List<Fact>();
        for (var i = 0; i < 5; i++)
        {
            var p = $"p-{tag}-{i}";
            facts.Add(Facts.Registered(p, "2026-02-01T08:00:00Z", "RU-KGD") with { NationalId = $"{tag}{i}" });
            facts.Add(Facts.Placed(p, "s1", "2026-02-10T08:00:00Z") with { Office = "KGD-01" });
            switch (i % 3)
            {
                case 0:
                    facts.Add(Facts.Appeared(p, "2026-02-12T08:00:00Z") with { Office = "KGD-01" });
                    break;
                case 1:
                    facts.Add(Facts.Cancelled(p, "s1", "2026-02-11T08:00:00Z"));
                    break;
                default:
                    facts.Add(Facts.Retracted(p, $"{p}-s1-placed", "2026-02-11T08:00:00Z"));
                    break;
            }
        }

        return facts;
    }

    private static FactFile Build(List<Fact> facts, Func<string, byte[]?>[] damage)
    {
        var lines = new List<byte[]>();
        var originals = new List<Fact?>();
        for (var i = 0; i < facts.Count; i++)
        {
            var text = FactJson.Serialize(facts[i]);
            lines.Add(damage[i](text) ?? Encoding.UTF8.GetBytes(text));
            originals.Add(facts[i]);
        }

        return new FactFile("", lines, originals);
    }

    /// <summary>Most lines stay as they are (null); the rest are damaged one way or another.</summary>
    private static Gen<Func<string, byte[]?>> Damage(List<Fact> facts) =>
        Gen.Frequency(
            (14, Gen.Constant<Func<string, byte[]?>>(_ => null)),
            (2, Gen.Zip(Gen.Choose(0, 30), HostileInput.Value).Select<(int, string), Func<string, byte[]?>>(p => line =>
                Raw(line, o => o.Select(x => x.Key).ElementAt(p.Item1 % o.Count), p.Item2))),
            (1, Gen.Choose(0, 30).Select<int, Func<string, byte[]?>>(k => line => Edit(line, o => o.Remove(o.Select(x => x.Key).ElementAt(k % o.Count))))),
            (1, HostileInput.Value.Select<string, Func<string, byte[]?>>(v => line => Raw(line, _ => "surplus", v))),
            (1, Gen.Choose(1, 200).Select<int, Func<string, byte[]?>>(n => line => Encoding.UTF8.GetBytes(line[..Math.Min(n, line.Length - 1)]))),
            (1, HostileInput.Text.Select<string, Func<string, byte[]?>>(t => _ => Encoding.UTF8.GetBytes(t.Replace("\n", " ", StringComparison.Ordinal)))),
            (1, Gen.Constant<Func<string, byte[]?>>(line => [.. Encoding.UTF8.GetBytes(line[..(line.Length / 2)]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(line[(line.Length / 2)..])])),
            (1, Gen.Elements(facts.Select(f => f.Id).ToArray()).Select<string, Func<string, byte[]?>>(id => line => Edit(line, o => o["id"] = id))));

    /// <summary>The line with the field <paramref name="key"/> (new or existing) set to <paramref name="raw"/>, as text: any JSON, or none at all.</summary>
    private static byte[] Raw(string line, Func<JsonObject, string> key, string raw)
    {
        const string Placeholder = "__raw_value__";
        var edited = Encoding.UTF8.GetString(Edit(line, o => o[key(o)] = Placeholder));
        return Encoding.UTF8.GetBytes(edited.Replace($"\"{Placeholder}\"", raw, StringComparison.Ordinal));
    }

    private static byte[] Edit(string line, Action<JsonObject> change)
    {
        var json = JsonNode.Parse(line)!.AsObject();
        change(json);
        return Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
