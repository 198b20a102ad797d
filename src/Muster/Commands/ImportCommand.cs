using System.CommandLine;
using Muster.Storage;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster import [--db CONN] FILE.jsonl`: bulk-loads a fact file with a progress bar and a summary.
/// Bad lines are reported with their numbers and skipped (exit code 2); re-running a file stores nothing twice.
/// </summary>
public static class ImportCommand
{
    private const int ShownRejections = 20;

    public static Command Create()
    {
        var db = StoreCli.DbOption();
        var file = new Argument<FileInfo>("file") { Description = "A JSON Lines fact file (docs/facts.md)." };
        var batch = new Option<int>("--batch-size") { Description = "Facts per transaction.", DefaultValueFactory = _ => 50_000 };
        var command = new Command("import", "Import a fact file into the store (migrating its schema first).") { db, file, batch };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(() => RunAsync(parse.GetValue(db)!, parse.GetValue(file)!, parse.GetValue(batch), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string db, FileInfo file, int batchSize, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CliInputException($"{file.FullName}: no such file");
        }

        if (batchSize < 1)
        {
            throw new CliInputException("--batch-size: must be at least 1");
        }

        var clock = CliTime.Clock;
        await StoreFactory.MigrateAsync(db, cancellationToken);
        await using var store = await StoreFactory.OpenAsync(db, StoreCli.Options(clock) with { ImportBatchSize = batchSize }, cancellationToken);
        await using var stream = new CountingStream(File.OpenRead(file.FullName));
        var lines = FactLineReader.Read(stream, clock.GetCurrentInstant());
        ImportSummary? summary = null;
        await CliProgress.RunAsync(Markup.Escape(file.Name), stream.Length, async task =>
        {
            var progress = new CliProgress.Immediate<ImportProgress>(_ => task.Value = stream.BytesRead);
            summary = await store.ImportAsync(lines, progress, cancellationToken);
        });

        Print(file, summary!);
        return summary!.Rejected.Count == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    private static void Print(FileInfo file, ImportSummary summary)
    {
        var table = new Table().AddColumns("read", "stored", "already present", "rejected");
        table.AddRow($"{summary.Read:N0}", $"{summary.Stored:N0}", $"{summary.AlreadyPresent:N0}", summary.Rejected.Count == 0 ? "0" : $"[red]{summary.Rejected.Count:N0}[/]");
        AnsiConsole.Write(table);
        foreach (var r in summary.Rejected.Take(ShownRejections))
        {
            AnsiConsole.MarkupLine($"[red]rejected[/] {Markup.Escape(file.Name)}:{r.LineNumber}: {Markup.Escape(r.Reason)}");
        }

        if (summary.Rejected.Count > ShownRejections)
        {
            AnsiConsole.MarkupLine($"... and {summary.Rejected.Count - ShownRejections:N0} more rejected lines");
        }
    }
}
