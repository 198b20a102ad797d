using System.CommandLine;
using Muster.Core.Policies;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>`muster policy check FILE...`: loads policy files and shows what they say, or where they are wrong.</summary>
public static class PolicyCheckCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Policy files (YAML) to check; together they must form a consistent set.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("check", "Check policy files and print their rules.") { files };
        command.SetAction((parse, _) => CliErrors.Guard(() => Task.FromResult(Run(parse.GetValue(files)!))));
        return command;
    }

    private static int Run(FileInfo[] files)
    {
        var policies = files.Select(f => PolicyLoader.LoadFile(f.FullName)).ToList();
        PolicySet.Create(policies);
        foreach (var policy in policies)
        {
            AnsiConsole.MarkupLine($"[green]ok[/] [bold]{Markup.Escape(policy.Id)}[/] — {Markup.Escape(policy.Title.En)}");
            AnsiConsole.MarkupLine($"   in force for summonses placed from {policy.EffectiveFrom:uuuu-MM-dd}" +
                (policy.EffectiveUntil is { } u ? $" until {u:uuuu-MM-dd} (exclusive)" : "") +
                $"; {policy.Regions.Count} regions in {policy.Regions.Values.Select(z => z.Id).Distinct().Count()} time zones");
            var table = new Table().AddColumns("rule", "restrictions", "from", "term", "lifted by", "legal basis");
            foreach (var rule in policy.Rules)
            {
                table.AddRow(
                    Markup.Escape(rule.Id),
                    Markup.Escape(string.Join("\n", rule.Restrictions)),
                    Markup.Escape(AnchorName(rule.Anchor)),
                    Markup.Escape(rule.Term.ToString()),
                    Markup.Escape(string.Join("\n", rule.LiftedBy.Select(l => Lifter.Name(l.Kind) + (l.Channels.Count > 0 ? $" ({string.Join(", ", l.Channels)})" : "")))),
                    Markup.Escape(rule.LegalBasis));
            }

            AnsiConsole.Write(table);
            if (policy.Issuing.MaxDaysToAppearance is { } max)
            {
                AnsiConsole.MarkupLine($"   issuing: appearance at most {max} days after placement ({Markup.Escape(policy.Issuing.LegalBasis ?? "")})");
            }
        }

        return ExitCodes.Ok;
    }

    public static string AnchorName(Anchor anchor) => anchor switch
    {
        Anchor.Placed => "placement",
        Anchor.Delivered => "delivery",
        Anchor.AppearanceDate => "appearance date",
        Anchor.EffectiveAppearanceDate => "later of appearance date and delivery date",
        _ => anchor.ToString(),
    };
}
