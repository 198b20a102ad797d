using System.CommandLine;
using Muster.Cli.Server.Auth;
using Muster.Core.Restrictions;
using Muster.Storage;
using Muster.Storage.Api;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster keys create|revoke|list`: API keys of the JSON API. A key is printed once, as the last
/// line of `create`; the store keeps only its SHA-256. docs/security.md says what each role may do.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "API keys: create, revoke, list.");
        keys.Subcommands.Add(CreateKey());
        keys.Subcommands.Add(RevokeKey());
        keys.Subcommands.Add(ListKeys());
        return keys;
    }

    private static Command CreateKey()
    {
        var db = StoreCli.DbOption();
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        var office = new Option<string?>("--office") { Description = "clerk: the office code (registered with `muster offices add`)." };
        var agency = new Option<string?>("--agency") { Description = $"agency: one of {string.Join(", ", Agency.All.Select(a => a.Code))}." };
        var person = new Option<string?>("--person") { Description = "citizen: the person id whose record the key opens." };
        var name = new Option<string?>("--name") { Description = "Who holds the key (shown in `keys list`)." };
        var command = new Command("create", "Create an API key; prints it once, as the last line.") { db, role, office, agency, person, name };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(async () =>
        {
            var record = new ApiKeyRecord(ApiKeys.NewKeyId(), parse.GetValue(role)!, parse.GetValue(office), parse.GetValue(agency), parse.GetValue(person), parse.GetValue(name), CliTime.Clock.GetCurrentInstant(), null);
            await using var directory = await OpenAsync(parse.GetValue(db)!, cancellationToken);
            await ValidateAsync(record, directory, cancellationToken);
            var key = ApiKeys.NewKey();
            await directory.CreateKeyAsync(record, ApiKeys.Hash(key), cancellationToken);
            AnsiConsole.MarkupLine($"[green]created[/] key {Markup.Escape(record.KeyId)} ({Markup.Escape(Scope(record))}); it is shown once, keep it secret:");
            await Console.Out.WriteLineAsync(key);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command RevokeKey()
    {
        var db = StoreCli.DbOption();
        var id = new Option<string>("--id") { Description = "The key id (k-..., from `keys create` or `keys list`).", Required = true };
        var command = new Command("revoke", "Revoke an API key: it stops working within the server's key cache time (5 s by default).") { db, id };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(async () =>
        {
            await using var directory = await OpenAsync(parse.GetValue(db)!, cancellationToken);
            if (!await directory.RevokeKeyAsync(parse.GetValue(id)!, CliTime.Clock.GetCurrentInstant(), cancellationToken))
            {
                throw new CliInputException($"--id: no key '{parse.GetValue(id)}', or it is already revoked");
            }

            AnsiConsole.MarkupLine($"[green]revoked[/] {Markup.Escape(parse.GetValue(id)!)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ListKeys()
    {
        var db = StoreCli.DbOption();
        var command = new Command("list", "List API keys (never the keys themselves).") { db };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(async () =>
        {
            await using var directory = await OpenAsync(parse.GetValue(db)!, cancellationToken);
            var table = new Table().AddColumns(new TableColumn("id").NoWrap(), new TableColumn("role").NoWrap(), new TableColumn("scope"), new TableColumn("name"), new TableColumn("created"), new TableColumn("revoked"));
            foreach (var k in await directory.ListKeysAsync(cancellationToken))
            {
                table.AddRow(Markup.Escape(k.KeyId), k.Role, Markup.Escape(Scope(k)), Markup.Escape(k.Name ?? ""), k.CreatedAt.ToString(), k.RevokedAt?.ToString() ?? "");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Migrates the store first (the keys table may be new), like `muster import`.</summary>
    internal static async Task<IRegisterDirectory> OpenAsync(string db, CancellationToken cancellationToken)
    {
        await StoreFactory.MigrateAsync(db, cancellationToken);
        return await RegisterDirectory.OpenAsync(db, cancellationToken);
    }

    private static async Task ValidateAsync(ApiKeyRecord key, IRegisterDirectory directory, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(key.Role))
        {
            throw new CliInputException($"--role: '{key.Role}' is not one of {string.Join(", ", Roles.All)}");
        }

        Only(key.Role == Roles.Clerk, "--office", key.Office, "clerk");
        Only(key.Role == Roles.Agency, "--agency", key.Agency, "agency");
        Only(key.Role == Roles.Citizen, "--person", key.PersonId, "citizen");
        if (key.Office is { } office && await directory.FindOfficeAsync(office, cancellationToken) is null)
        {
            throw new CliInputException($"--office: no office '{office}'; register it first with `muster offices add --code {office} --region RU-...`");
        }

        if (key.Agency is { } agency && Agency.All.All(a => a.Code != agency))
        {
            throw new CliInputException($"--agency: '{agency}' is not one of {string.Join(", ", Agency.All.Select(a => a.Code))}");
        }
    }

    private static void Only(bool needed, string option, string? value, string role)
    {
        if (needed && string.IsNullOrWhiteSpace(value))
        {
            throw new CliInputException($"{option}: a {role} key needs it");
        }

        if (!needed && value is not null)
        {
            throw new CliInputException($"{option}: only a {role} key has one");
        }
    }

    private static string Scope(ApiKeyRecord k) => k.Role switch
    {
        Roles.Clerk => $"clerk of {k.Office}",
        Roles.Agency => $"agency {k.Agency}",
        Roles.Citizen => $"citizen {k.PersonId}",
        _ => k.Role,
    };
}
