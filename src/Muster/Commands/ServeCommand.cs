using System.CommandLine;
using Muster.Cli.Demo;
using Muster.Cli.Server;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster serve --db CONN --urls URL [--policies DIR] [--demo]`: the JSON API (docs/api.md) and the web portals (docs/portals.md). The store is
/// migrated on start. Further settings (rate limits, body limits): the "Muster" configuration
/// section, e.g. the environment variable Muster__RequestsPerSecond=100 (docs/api.md).
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var db = StoreCli.DbOption();
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:8080 (several: separated by ';').", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var policies = new Option<DirectoryInfo?>("--policies") { Description = "The policies folder; default: the policies shipped with Muster." };
        var clockFile = new Option<FileInfo?>("--clock-file")
        {
            Description = "TEST ONLY: read 'now' from this file (an ISO-8601 instant). Never in production.",
            Hidden = true,
        };
        var demo = new Option<bool>("--demo") { Description = $"Start on a freshly generated demo register ({DemoRegister.DefaultDb} unless --db is given; replaced) with a sign-in for every role; prints the URL and the sign-ins." };
        var demoPeople = new Option<int>("--demo-people") { Description = "How many people the demo register has.", DefaultValueFactory = _ => DemoRegister.DefaultPeople, Hidden = true };
        var command = new Command("serve", "Serve the JSON API and the web portals.") { db, urls, policies, clockFile, demo, demoPeople };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(async () =>
        {
            var settings = new Dictionary<string, string?> { [$"{ServerOptions.Section}:Db"] = parse.GetValue(db) };
            if (parse.GetValue(policies) is { } folder)
            {
                settings[$"{ServerOptions.Section}:Policies"] = folder.FullName;
            }

            if (parse.GetValue(clockFile) is { } file)
            {
                settings[$"{ServerOptions.Section}:ClockFile"] = file.FullName;
            }

            if (parse.GetValue(demo))
            {
                var explicitDb = parse.GetResult(db) is { Implicit: false };
                return await DemoServe.RunAsync(explicitDb ? parse.GetValue(db)! : DemoRegister.DefaultDb, parse.GetValue(urls)!, settings, parse.GetValue(demoPeople), cancellationToken);
            }

            await using var app = await MusterServer.BuildAsync(parse.GetValue(urls)!, settings, cancellationToken);
            await app.RunAsync();
            return ExitCodes.Ok;
        }));
        return command;
    }
}
