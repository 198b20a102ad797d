using System.CommandLine;
using System.Text.RegularExpressions;
using Muster.Storage.Api;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster offices add|list`: the enlistment offices and the region each serves. A clerk's key names
/// an office; the office's region is the clerk's scope and the local time of its summonses.
/// </summary>
public static partial class OfficesCommand
{
    public static Command Create()
    {
        var offices = new Command("offices", "Enlistment offices: add, list.");
        offices.Subcommands.Add(Add());
        offices.Subcommands.Add(List());
        return offices;
    }

    private static Command Add()
    {
        var db = StoreCli.DbOption();
        var code = new Option<string>("--code") { Description = "The office code, as on summonses (e.g. KGD-01).", Required = true };
        var region = new Option<string>("--region") { Description = "ISO 3166-2 code of the region it serves (e.g. RU-KGD).", Required = true };
        var name = new Option<string?>("--name") { Description = "Its name." };
        var command = new Command("add", "Add an office, or change its region and name.") { db, code, region, name };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(async () =>
        {
            var office = new OfficeRecord(parse.GetValue(code)!.Trim(), parse.GetValue(region)!.Trim(), parse.GetValue(name) ?? parse.GetValue(code)!.Trim());
            if (office.Code.Length == 0 || office.Code.Length > 64)
            {
                throw new CliInputException("--code: 1 to 64 characters");
            }

            if (!RegionPattern().IsMatch(office.Region))
            {
                throw new CliInputException($"--region: '{office.Region}' is not an ISO 3166-2 code like RU-KGD");
            }

            await using var directory = await KeysCommand.OpenAsync(parse.GetValue(db)!, cancellationToken);
            await directory.SaveOfficeAsync(office, cancellationToken);
            AnsiConsole.MarkupLine($"[green]saved[/] office {Markup.Escape(office.Code)} ({Markup.Escape(office.Region)})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List()
    {
        var db = StoreCli.DbOption();
        var command = new Command("list", "List the offices.") { db };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(async () =>
        {
            await using var directory = await KeysCommand.OpenAsync(parse.GetValue(db)!, cancellationToken);
            var table = new Table().AddColumns("code", "region", "name");
            foreach (var o in await directory.ListOfficesAsync(cancellationToken))
            {
                table.AddRow(Markup.Escape(o.Code), Markup.Escape(o.Region), Markup.Escape(o.Name));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex RegionPattern();
}
