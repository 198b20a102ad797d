using System.CommandLine;
using Muster.Storage;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>`muster db migrate [--db CONN]`: applies the pending schema migrations (creates a SQLite file if needed).</summary>
public static class DbMigrateCommand
{
    public static Command Create()
    {
        var db = StoreCli.DbOption();
        var command = new Command("migrate", "Bring the store's schema to this version of muster.") { db };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(() => RunAsync(parse.GetValue(db)!, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string db, CancellationToken cancellationToken)
    {
        var report = await StoreFactory.MigrateAsync(db, cancellationToken);
        foreach (var m in report.Applied)
        {
            AnsiConsole.MarkupLine($"[green]applied[/] {m.Version}: {Markup.Escape(m.Name)}");
        }

        AnsiConsole.MarkupLine(report.Applied.Count == 0
            ? $"schema is current (version {report.To})"
            : $"schema migrated from version {report.From} to {report.To}");
        return ExitCodes.Ok;
    }
}
