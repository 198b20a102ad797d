using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Muster.Core.Policies;
using Xunit.Abstractions;

namespace Muster.Reliability.Tests.Hostile;

/// <summary>
/// The shipped policy files, mutated line by line — lines deleted, doubled, swapped, re-indented, values
/// replaced by hostile text or YAML's own special characters (anchors, tags, unclosed quotes and brackets),
/// garbage inserted, the file cut short. Loading one either works or fails with a PolicyException that
/// says "file:line:column: field: problem" — never another exception; and `muster policy check` on a
/// sample prints that one line (exit 2), never a stack trace.
/// </summary>
public sealed partial class Policies(ITestOutputHelper output)
{
    private static readonly string[] YamlSpecials =
        ["&a", "*a", "*undefined", "!!binary x", "!!python/object:x", "[", "{", "]", "}", "|", ">", "~", "null", "- x", "'unterminated", "\"unterminated", "? x", ": x", "%YAML 1.1", "---", "...", "@x", "`x", "<<: *a", "0x10", "1e400", "2026-02-30", "-0001-01-01", "P1D"];

    private sealed record Mutant(string Source, string Yaml, string What);

    [Fact]
    public async Task A_mutated_policy_file_loads_or_is_refused_with_file_line_and_field_never_with_a_stack_trace()
    {
        var originals = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "policies"), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var mutants = originals.SelectMany(path => HostileInput.Sample(Mutants(File.ReadAllLines(path)), Campaign.FuzzInputs * 2, Path.GetFileName(path))
            .Select(m => m with { Source = Path.GetFileName(path) })).ToList();
        int loaded = 0, refused = 0;
        var findings = new List<string>();
        foreach (var m in mutants)
        {
            try
            {
                PolicySet.Create([PolicyLoader.Parse(m.Yaml, m.Source)]);
                loaded++;
            }
            catch (PolicyException e) when (FileLine(m.Source).IsMatch(e.Message))
            {
                refused++;
            }
            catch (Exception e)
            {
                findings.Add($"{m.Source} ({m.What}): {e.GetType().Name}: {e.Message}");
            }
        }

        var cli = await CheckWithCliAsync(mutants.Where((_, i) => i % Math.Max(1, mutants.Count / 6) == 0).Take(6).ToList());
        findings.AddRange(cli);
        Figures.Report(output, "hostile-policies",
            $"{mutants.Count} mutated policy files ({string.Join(", ", originals.Select(Path.GetFileName))}): {loaded} still load, {refused} refused with file:line:column: field; " +
            $"{Math.Min(6, mutants.Count)} of them through `muster policy check` too\n{findings.Count} findings (seed {Campaign.Seed})" + string.Concat(findings.Take(15).Select(f => "\n  " + f)));
        Assert.True(findings.Count == 0, string.Join("\n", findings.Take(15)));
        Assert.True(refused > 0, "no mutation was refused");
    }

    private static Regex FileLine(string source) => new($"^{Regex.Escape(source)}:\\d+:\\d+: ", RegexOptions.CultureInvariant);

    /// <summary>`muster policy check` on each mutant: exit 0, or exit 2 with "FILE:LINE:" in its one error line; never a stack trace.</summary>
    private static async Task<IReadOnlyList<string>> CheckWithCliAsync(IReadOnlyList<Mutant> mutants)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"muster-policy-fuzz-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var findings = new List<string>();
        try
        {
            for (var i = 0; i < mutants.Count; i++)
            {
                var path = Path.Combine(folder, $"mutant{i}.yaml");
                await File.WriteAllBytesAsync(path, AsFileBytes(mutants[i].Yaml));
                var run = await Processes.RunAsync("dotnet", [MusterCli.Dll, "policy", "check", path]);
                var named = run.All.Contains($"mutant{i}.yaml:", StringComparison.Ordinal);
                if (run.ExitCode is not (0 or 2) || (run.ExitCode == 2 && !named) || run.All.Contains("Unhandled exception", StringComparison.Ordinal) || run.All.Contains("   at ", StringComparison.Ordinal))
                {
                    findings.Add($"muster policy check ({mutants[i].What}): exit {run.ExitCode}: {Fuzz.Shorten(run.All)}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return findings;
    }

    /// <summary>
    /// The text as UTF-8, except that a lone surrogate (hostile text has them) is written as its own three bytes, which
    /// no UTF-8 decoder accepts: the way a damaged file reaches the CLI. Encoding.UTF8 would throw or substitute U+FFFD.
    /// </summary>
    private static byte[] AsFileBytes(string text)
    {
        var bytes = new List<byte>(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text.Substring(i++, 2)));
            }
            else if (char.IsSurrogate(text[i]))
            {
                int c = text[i];
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    /// <summary>One to three mutations of the file's lines.</summary>
    private static Gen<Mutant> Mutants(string[] lines) =>
        from count in Gen.Choose(1, 3)
        from steps in Gen.ArrayOf(Step(), count)
        select steps.Aggregate(new Mutant("", string.Join('\n', lines), ""), (m, step) =>
        {
            var current = m.Yaml.Split('\n').ToList();
            if (current.Count < 2)
            {
                current.Add(""); // every step has two lines to work on
            }

            var what = step(current);
            return m with { Yaml = string.Join('\n', current), What = m.What.Length == 0 ? what : m.What + "; " + what };
        });

    private static Gen<Func<List<string>, string>> Step() =>
        Gen.Frequency(
            (2, Gen.Choose(0, 10_000).Select<int, Func<List<string>, string>>(k => l => { var i = k % l.Count; l.RemoveAt(i); return $"line {i + 1} deleted"; })),
            (1, Gen.Choose(0, 10_000).Select<int, Func<List<string>, string>>(k => l => { var i = k % l.Count; l.Insert(i, l[i]); return $"line {i + 1} doubled"; })),
            (1, Gen.Choose(0, 10_000).Select<int, Func<List<string>, string>>(k => l =>
            {
                var i = k % Math.Max(1, l.Count - 1);
                (l[i], l[i + 1]) = (l[i + 1], l[i]);
                return $"lines {i + 1} and {i + 2} swapped";
            })),
            (2, Gen.Zip(Gen.Choose(0, 10_000), Gen.Elements("", " ", "  ", "    ", "\t", " \t")).Select<(int, string), Func<List<string>, string>>(p => l =>
            {
                var i = p.Item1 % l.Count;
                l[i] = p.Item2 + l[i].TrimStart();
                return $"line {i + 1} indented '{p.Item2}'";
            })),
            (4, Gen.Zip(Gen.Choose(0, 10_000), Gen.Frequency((3, Gen.Elements(YamlSpecials)), (2, HostileInput.Text), (1, Gen.Elements(HostileInput.Numbers))))
                .Select<(int, string), Func<List<string>, string>>(p => l =>
                {
                    var i = p.Item1 % l.Count;
                    var colon = l[i].IndexOf(':', StringComparison.Ordinal);
                    l[i] = colon < 0 ? l[i] + " " + p.Item2 : l[i][..(colon + 1)] + " " + p.Item2.Replace("\n", " ", StringComparison.Ordinal);
                    return $"line {i + 1} value {Fuzz.Shorten(p.Item2)}";
                })),
            (1, Gen.Zip(Gen.Choose(0, 10_000), HostileInput.Text).Select<(int, string), Func<List<string>, string>>(p => l =>
            {
                var i = p.Item1 % l.Count;
                l.Insert(i, p.Item2);
                return $"garbage before line {i + 1}";
            })),
            (1, Gen.Choose(0, 10_000).Select<int, Func<List<string>, string>>(k => l =>
            {
                var keep = k % l.Count;
                if (keep == 0)
                {
                    l.Clear();
                    return "emptied";
                }

                l.RemoveRange(keep, l.Count - keep);
                return $"cut after line {keep}";
            })));
}
