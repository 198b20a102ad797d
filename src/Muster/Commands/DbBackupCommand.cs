using System.CommandLine;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>`muster db backup [--db CONN] OUT`: an online, consistent copy of a SQLite store (PostgreSQL: pg_dump / PITR, see docs/storage.md).</summary>
public static class DbBackupCommand
{
    public static Command Create()
    {
        var db = StoreCli.DbOption();
        var output = new Argument<FileInfo>("out") { Description = "The backup file to write (must not exist)." };
        var command = new Command("backup", "Copy the store while it runs (SQLite online backup).") { db, output };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(() => RunAsync(parse.GetValue(db)!, parse.GetValue(output)!, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string db, FileInfo output, CancellationToken cancellationToken)
    {
        await using var store = await StoreCli.OpenAsync(db, CliTime.Clock, cancellationToken);
        await store.BackupAsync(output.FullName, cancellationToken);
        AnsiConsole.MarkupLine($"[green]backed up[/] to {Markup.Escape(output.FullName)}");
        return ExitCodes.Ok;
    }
}
