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
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(OfficesCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
