using System.CommandLine;
using Muster.Core.Evaluation;
using Muster.Core.Facts;
using Muster.Core.Policies;
using Muster.Core.Serialization;
using Muster.Storage;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster simulate --policy FILE FACTS.jsonl [--at INSTANT] [--as-of INSTANT]`: evaluates a fact file
/// under a policy without any store and prints each person's timeline and status.
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var facts = new Argument<FileInfo>("facts") { Description = "A JSON Lines fact file (docs/facts.md)." };
        var policy = new Option<FileInfo[]>("--policy") { Description = "Policy file(s); default: the policies shipped with Muster.", AllowMultipleArgumentsPerToken = true };
        var at = new Option<string?>("--at") { Description = "The instant to report the status at (ISO-8601, e.g. 2026-03-05T12:00:00Z); default: now." };
        var asOf = new Option<string?>("--as-of") { Description = "Only facts recorded by this instant count; default: all." };
        var command = new Command("simulate", "Evaluate a fact file under a policy and print each person's timeline.") { facts, policy, at, asOf };
        command.SetAction((parse, _) => CliErrors.Guard(() => Task.FromResult(Run(
            parse.GetValue(facts)!, parse.GetValue(policy) ?? [], parse.GetValue(at), parse.GetValue(asOf), CliTime.Clock))));
        return command;
    }

    private static int Run(FileInfo factsFile, FileInfo[] policyFiles, string? atText, string? asOfText, IClock clock)
    {
        var now = clock.GetCurrentInstant();
        var at = ParseInstant("--at", atText) ?? now;
        var asOf = ParseInstant("--as-of", asOfText) ?? Instant.MaxValue;
        var policies = policyFiles.Length == 0
            ? PolicyLoader.LoadDirectory(ShippedPolicies.Directory)
            : PolicySet.Create(policyFiles.Select(f => PolicyLoader.LoadFile(f.FullName)));
        if (!factsFile.Exists)
        {
            throw new CliInputException($"{factsFile.FullName}: no such file");
        }

        var byPerson = new SortedDictionary<string, List<Fact>>(StringComparer.Ordinal);
        foreach (var line in FactLineReader.ReadFile(factsFile.FullName, now))
        {
            if (line.Error is { } error)
            {
                throw new CliInputException($"{factsFile.Name}:{line.LineNumber}: {error}");
            }

            var fact = line.Fact!;
            if (fact.RecordedAt > now && asOfText is null)
            {
                fact = fact with { RecordedAt = fact.OccurredAt };
            }

            if (!byPerson.TryGetValue(fact.PersonId, out var list))
            {
                byPerson[fact.PersonId] = list = [];
            }

            list.Add(fact);
        }

        AnsiConsole.MarkupLine($"[grey]policies:[/] {Markup.Escape(string.Join(", ", policies.Policies.Select(p => p.Id)))}   [grey]status at:[/] {TimeFormats.Format(at)}");
        foreach (var (personId, list) in byPerson)
        {
            Print(personId, list, policies, at, asOf);
        }

        return ExitCodes.Ok;
    }

    private static void Print(string personId, List<Fact> facts, PolicySet policies, Instant at, Instant asOf)
    {
        var timeline = Evaluator.Timeline(facts, policies, asOf);
        var status = Evaluator.Evaluate(facts, policies, at, asOf);
        var zone = timeline.Region is { } r ? policies.ZoneOf(r) : null;
        var name = facts.OfType<PersonRegistered>().MaxBy(p => p.OccurredAt) is { } p ? $"{p.FamilyName} {p.GivenNames}" : "";
        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(personId)}[/] {Markup.Escape(name)} [grey]{Markup.Escape(timeline.Region ?? "no region")} {Markup.Escape(zone?.Id ?? "")}[/]").LeftJustified());
        foreach (var s in timeline.Summonses)
        {
            var delivered = s.DeliveredAt is { } d ? $"{Local(d, zone)} ({s.DeliveredBy?.ToString().ToLowerInvariant()})" : "not delivered";
            AnsiConsole.MarkupLine($"  summons [bold]{Markup.Escape(s.SummonsId)}[/] placed {Local(s.PlacedAt, zone)} under {Markup.Escape(s.PolicyId ?? "no policy")}; appear {s.AppearanceAt:uuuu-MM-dd HH:mm}; delivered {Markup.Escape(delivered)}" +
                (s.CancelledAt is { } c ? $"; cancelled {Local(c, zone)}" : ""));
        }

        // One row per (summons, rule, interval): the interim measures share their dates.
        var table = new Table().AddColumns("restrictions", "from (local)", "until (local)", "rule", "summons", "at " + TimeFormats.Format(at));
        foreach (var group in timeline.Intervals.GroupBy(i => (i.SummonsId, i.Rule.Id, i.Start, i.End)))
        {
            var i = group.First();
            var state = i.Contains(at) ? "[red]in force[/]" : i.Start > at ? "[yellow]upcoming[/]" : "[grey]lifted[/]";
            table.AddRow(
                Markup.Escape(string.Join("\n", group.Select(g => g.Code))),
                Local(i.Start, zone),
                i.End is { } e ? Local(e, zone) : "until lifted",
                Markup.Escape(i.Rule.Id),
                Markup.Escape(i.SummonsId),
                state);
        }

        if (timeline.Intervals.Length == 0)
        {
            AnsiConsole.MarkupLine("  [green]no restrictions at any time[/]");
        }
        else
        {
            AnsiConsole.Write(table);
        }

        AnsiConsole.MarkupLine($"  next change: {(status.NextChangeAt is { } n ? Local(n, zone) : "none unless a new fact arrives")}");
        foreach (var warning in timeline.Warnings)
        {
            AnsiConsole.MarkupLine($"  [yellow]warning:[/] {Markup.Escape(warning)}");
        }
    }

    private static string Local(Instant instant, DateTimeZone? zone) =>
        zone is null ? TimeFormats.Format(instant) : instant.InZone(zone).ToString("uuuu-MM-dd HH:mm o<g>", null);

    private static Instant? ParseInstant(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return TimeFormats.TryParseInstant(text, out var instant)
            ? instant
            : throw new CliInputException($"{option}: '{text}' is not an ISO-8601 instant like 2026-03-05T12:00:00Z");
    }
}
