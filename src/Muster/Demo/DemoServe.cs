using System.Diagnostics;
using Muster.Cli.Server;
using Muster.Core.Policies;
using Muster.Core.Serialization;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Muster.Cli.Demo;

/// <summary>
/// `muster serve --demo`: generates the demo register, starts the server on it, and prints where to
/// go and how to sign in as each role — with the passport of the man stopped at Sheremetyevo.
/// </summary>
public static class DemoServe
{
    public static async Task<int> RunAsync(string db, string urls, Dictionary<string, string?> settings, int people, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        settings[$"{ServerOptions.Section}:Db"] = db;
        settings["Muster:Portal:Demo"] = "true";
        IClock clock = new MicrosecondClock(settings.TryGetValue($"{ServerOptions.Section}:ClockFile", out var clockFile) && clockFile is not null
            ? new FileClock(clockFile)
            : SystemClock.Instance);
        var policies = PolicyLoader.LoadDirectory(settings.TryGetValue($"{ServerOptions.Section}:Policies", out var folder) && folder is not null ? folder : ShippedPolicies.Directory);
        AnsiConsole.MarkupLine($"[grey]generating the demo register ({people:N0} people) in {Markup.Escape(db)} ...[/]");
        var summary = await DemoRegister.CreateAsync(db, clock, policies, people, cancellationToken);
        var generated = started.Elapsed;
        await using var app = await MusterServer.BuildAsync(urls, settings, cancellationToken);
        await app.StartAsync(cancellationToken);
        var url = urls.Split(';')[0].TrimEnd('/');
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine($"[green bold]Muster demo is ready[/] in {started.Elapsed.TotalSeconds:0.0} s (register generated in {generated.TotalSeconds:0.0} s): {summary.People:N0} people, {summary.Facts:N0} facts.");
        AnsiConsole.MarkupLine($"Open [link]{Markup.Escape(url)}/[/] and sign in (the sign-in page lists these too):");
        var table = new Table().AddColumns("username", "password", "who");
        foreach (var a in DemoAccounts.All)
        {
            table.AddRow(a.Username, a.Password, Markup.Escape(a.Name));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Border check of the man stopped at Sheremetyevo: passport [bold]{summary.MoscowPassport}[/], RUS, born {LocalDatePattern.Iso.Format(summary.MoscowBirthDate)}; or paste the MRZ:");
        await Console.Out.WriteLineAsync(summary.MoscowMrz);
        AnsiConsole.MarkupLine("[grey]The story: docs/demo.md. Ctrl+C stops the server; the next --demo starts a fresh register.[/]");
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
