using System.CommandLine;
using System.CommandLine.Parsing;
using Muster.Cli.Commands;
using Spectre.Console;

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
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(OfficesCommand.Create());
        var demo = new Command("demo", "The demo register.");
        demo.Subcommands.Add(DemoGenerateCommand.Create());
        root.Subcommands.Add(demo);
        var border = new Command("border", "Border posts: snapshot keys, offline snapshots and deltas, offline checks.");
        border.Subcommands.Add(BorderKeygenCommand.Create());
        border.Subcommands.Add(BorderSnapshotCommand.Create());
        border.Subcommands.Add(BorderDeltaCommand.Create());
        border.Subcommands.Add(BorderCheckCommand.Create());
        root.Subcommands.Add(border);
        root.Subcommands.Add(UsersCommand.Create());
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

        // A mistyped option is bad input (2), like every other input error; the parser's own
        // default, 1, would read as "denied" to a script driving `border check`.
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                CliErrors.Fail(error.Message);
            }

            AnsiConsole.MarkupLine($"[grey]see: {Markup.Escape(CommandPath(parse.CommandResult))} --help[/]");

            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>"muster border check" for the command the parser got to (the root is named "muster" whatever the host).</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult c; result = c.Parent)
        {
            names.Insert(0, c.Parent is null ? "muster" : c.Command.Name);
        }

        return string.Join(' ', names);
    }
}
