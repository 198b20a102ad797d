using System.CommandLine;
using System.Text;
using Muster.Cli.Demo;
using Muster.Core.Policies;
using Muster.Core.Serialization;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>`muster demo generate --people N --out FILE`: writes a generated demo register as JSON Lines facts.</summary>
public static class DemoGenerateCommand
{
    public static Command Create()
    {
        var people = new Option<int>("--people") { Description = "How many people.", DefaultValueFactory = _ => 5000 };
        var output = new Option<FileInfo>("--out") { Description = "The JSON Lines file to write.", Required = true };
        var now = new Option<string?>("--now") { Description = "The instant the population is generated around (default: now)." };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same register.", DefaultValueFactory = _ => 2026 };
        var command = new Command("generate", "Write a realistic generated register (facts) for demos and load tests.") { people, output, now, seed };
        command.SetAction((parse, _) => CliErrors.Guard(() => Task.FromResult(Run(
            parse.GetValue(people), parse.GetValue(output)!, parse.GetValue(now), parse.GetValue(seed), CliTime.Clock))));
        return command;
    }

    private static int Run(int people, FileInfo output, string? nowText, int seed, IClock clock)
    {
        if (people is < 3 or > 5_000_000)
        {
            throw new CliInputException("--people: must be from 3 to 5000000");
        }

        var now = CliTime.Now("--now", nowText, clock);

        var policies = PolicyLoader.LoadDirectory(ShippedPolicies.Directory);
        var facts = DemoPopulation.Generate(people, now, policies, seed);
        using (var writer = new StreamWriter(output.FullName, append: false, new UTF8Encoding(false)))
        {
            foreach (var fact in facts)
            {
                writer.WriteLine(FactJson.Serialize(fact));
            }
        }

        AnsiConsole.MarkupLine($"[green]wrote[/] {facts.Count:N0} facts about {people:N0} people to {Markup.Escape(output.FullName)}");
        return ExitCodes.Ok;
    }
}
