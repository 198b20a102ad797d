using System.CommandLine;
using System.Diagnostics;
using Muster.Storage;
using Muster.Storage.Propagation;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster sweep --db CONN [--now INSTANT] [--batch N]`: one sweep, as the leader's sweeper does it every
/// second — re-evaluates every person a new fact touched and every person whose next change has come,
/// writes their status, the restriction changes into the outbox and the person's notifications — and a
/// summary. Safe beside running servers: sweeps serialize on the sweep lock, and change ids are content
/// hashes, so nothing is written twice.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var db = StoreCli.DbOption();
        var now = new Option<string?>("--now") { Description = "Sweep as of this instant (ISO-8601); default: the system clock." };
        var batch = new Option<int>("--batch") { Description = "Persons per transaction.", DefaultValueFactory = _ => 1000 };
        var command = new Command("sweep", "Re-evaluate the persons that are due or touched by new facts; write status, outbox and notifications.") { db, now, batch };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(() => RunAsync(parse.GetValue(db)!, parse.GetValue(now), parse.GetValue(batch), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string db, string? nowText, int batch, CancellationToken cancellationToken)
    {
        if (batch < 1)
        {
            throw new CliInputException("--batch: must be at least 1");
        }

        var clock = CliTime.Clock;
        var now = CliTime.Now("--now", nowText, clock);
        await StoreFactory.MigrateAsync(db, cancellationToken);
        await using var store = await PropagationStore.OpenAsync(db, StoreCli.Options(clock), cancellationToken);
        var watch = Stopwatch.StartNew();
        var result = await store.SweepAsync(now, batch, cancellationToken);
        watch.Stop();
        var table = new Table().AddColumns("swept at", "persons", "imposed", "lifted", "of which withdrawn", "outbox tip", "facts swept", "seconds");
        table.AddRow(
            Core.Serialization.TimeFormats.Format(now), $"{result.Persons:N0}", $"{result.Imposed:N0}", $"{result.Lifted:N0}", $"{result.Withdrawn:N0}",
            $"{result.OutboxTip:N0}", $"{result.FactCursor:N0} / {result.FactTip:N0}", $"{watch.Elapsed.TotalSeconds:F1}");
        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }
}
