using System.CommandLine;
using Muster.Cli.Commands;

namespace Muster.Cli;

/// <summary>The `muster` command line: builds the command tree and runs it with one error policy.</summary>
public static class MusterApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Muster: the military-registration and summons registry. Facts are stored; restrictions are computed.");
        var policy = new Command("policy", "Policy files: check them.");
        policy.Subcommands.Add(PolicyCheckCommand.Create());
        root.Subcommands.Add(policy);
        root.Subcommands.Add(SimulateCommand.Create());
        var demo = new Command("demo", "The demo register.");
        demo.Subcommands.Add(DemoGenerateCommand.Create());
        root.Subcommands.Add(demo);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // Piped output has no terminal to measure: honour COLUMNS so tables are not cut at 80.
        if (Console.IsOutputRedirected && int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 40)
        {
            Spectre.Console.AnsiConsole.Profile.Width = columns;
        }

        var parse = Build().Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
