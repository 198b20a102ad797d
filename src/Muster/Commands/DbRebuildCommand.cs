using System.CommandLine;
using Muster.Core.Policies;
using Muster.Storage;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster db rebuild [--db CONN] [--verify] [--policies DIR] [--now INSTANT]`: recomputes the projections
/// (persons, documents, status) from the fact log. With --verify it only compares, writes nothing, lists the
/// differences (person id, projection, column, stored, expected: never names, national ids or document
/// numbers) and exits 3 if there are any; without, it replaces them in one transaction.
/// </summary>
public static class DbRebuildCommand
{
    public static Command Create()
    {
        var db = StoreCli.DbOption();
        var verify = new Option<bool>("--verify") { Description = "Only compare the stored projections with the log; write nothing; exit code 3 if they differ." };
        var policies = new Option<DirectoryInfo?>("--policies") { Description = "The policies the server runs with; default: the policies shipped with Muster." };
        var now = new Option<string?>("--now") { Description = "Evaluate status at this instant (ISO-8601); default: the system clock." };
        var command = new Command("rebuild", "Recompute the projections (persons, documents, status) from the fact log, or with --verify check them.") { db, verify, policies, now };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(() =>
            RunAsync(parse.GetValue(db)!, parse.GetValue(verify), parse.GetValue(policies), parse.GetValue(now), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string db, bool verify, DirectoryInfo? policies, string? nowText, CancellationToken cancellationToken)
    {
        var now = CliTime.Now("--now", nowText, CliTime.Clock);
        var options = policies is null
            ? StoreCli.Options(new FixedClock(now))
            : new StoreOptions(new FixedClock(now), PolicyLoader.LoadDirectory(policies.FullName));
        await using var store = await StoreFactory.OpenAsync(db, options, cancellationToken);
        ProjectionReport? report = null;
        await CliProgress.RunAsync(verify ? "verifying projections" : "rebuilding projections", 1, async task =>
        {
            var progress = new CliProgress.Immediate<ProjectionProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Facts;
            });
            report = verify
                ? await store.VerifyProjectionsAsync(progress, cancellationToken)
                : await store.RebuildProjectionsAsync(progress, cancellationToken);
        });

        return Print(report!);
    }

    private static int Print(ProjectionReport report)
    {
        var walked = $"{report.Persons:N0} persons, {report.Facts:N0} facts";
        if (report.Consistent)
        {
            AnsiConsole.MarkupLine(report.Rebuilt
                ? $"[green]rebuilt[/]: the projections of {walked} from the log; they equalled it already"
                : $"[green]consistent[/]: the projections of {walked} equal a rebuild from the log");
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("person", "projection", "what", "stored", "expected");
        foreach (var d in report.Differences)
        {
            table.AddRow(Markup.Escape(d.PersonId), d.Projection, Markup.Escape(d.What), Markup.Escape(d.Stored), Markup.Escape(d.Expected));
        }

        AnsiConsole.Write(table);
        if (report.DifferenceCount > report.Differences.Count)
        {
            AnsiConsole.MarkupLine($"... and {report.DifferenceCount - report.Differences.Count:N0} more");
        }

        if (report.Rebuilt)
        {
            AnsiConsole.MarkupLine($"[green]rebuilt[/]: the projections of {walked} from the log; {report.DifferenceCount:N0} differences above were fixed");
            return ExitCodes.Ok;
        }

        return CliErrors.Fail(
            $"the projections differ from the log in {report.DifferenceCount:N0} places ({walked} checked); rebuild them with `muster db rebuild` (without --verify)",
            ExitCodes.CheckFailed);
    }
}

/// <summary>"Now" read once: every status of a rebuild is evaluated at the same instant.</summary>
file sealed class FixedClock(Instant now) : IClock
{
    public Instant GetCurrentInstant() => now;
}
