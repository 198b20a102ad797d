using System.CommandLine;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>`muster audit verify [--db CONN]`: walks the audit hash chains; exit code 3 and the first bad row named when broken.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "The audit trail: verify the hash chains of the fact log and the access log.");
        var db = StoreCli.DbOption();
        var verify = new Command("verify", "Check that no row of the log was altered, deleted or inserted out of band.") { db };
        verify.SetAction((parse, cancellationToken) => StoreCli.Guard(() => VerifyAsync(parse.GetValue(db)!, cancellationToken)));
        audit.Subcommands.Add(verify);
        return audit;
    }

    private static async Task<int> VerifyAsync(string db, CancellationToken cancellationToken)
    {
        await using var store = await StoreCli.OpenAsync(db, CliTime.Clock, cancellationToken);
        var report = await store.VerifyAuditChainAsync(cancellationToken);
        if (!report.Intact)
        {
            var log = report.Chain == "access" ? "access log" : "fact log";
            return CliErrors.Fail($"audit chain broken: {log} row {report.Sequence}: {report.Problem}", ExitCodes.CheckFailed);
        }

        AnsiConsole.MarkupLine($"[green]intact[/]: {report.FactRows} fact rows, {report.AccessRows} access rows; chain tip {report.FactTipHash}");
        return ExitCodes.Ok;
    }
}
