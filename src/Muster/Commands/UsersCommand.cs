using System.CommandLine;
using Muster.Cli.Portal.Auth;
using Muster.Cli.Server.Auth;
using Muster.Storage;
using Muster.Storage.Portal;
using NodaTime;
using Spectre.Console;

namespace Muster.Cli.Commands;

/// <summary>
/// `muster users create|disable|list`: local sign-in accounts of the web portals (the embedded set-up;
/// production signs in through OpenID Connect, docs/security.md). The password is read from standard
/// input (or --password) and only its salted hash is stored.
/// </summary>
public static class UsersCommand
{
    private static readonly string[] PortalRoles = [Roles.Citizen, Roles.Clerk, Roles.Border, Roles.Admin, Roles.Auditor];

    public static Command Create()
    {
        var users = new Command("users", "Portal sign-in accounts: create, disable, list.");
        users.Subcommands.Add(CreateUser());
        users.Subcommands.Add(DisableUser());
        users.Subcommands.Add(ListUsers());
        return users;
    }

    private static Command CreateUser()
    {
        var db = StoreCli.DbOption();
        var username = new Option<string>("--username") { Description = "The sign-in name.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", PortalRoles)}.", Required = true };
        var person = new Option<string?>("--person") { Description = "citizen: the person id whose record the account opens." };
        var office = new Option<string?>("--office") { Description = "clerk: the office code (registered with `muster offices add`)." };
        var name = new Option<string?>("--name") { Description = "The name shown on the pages and in `users list`." };
        var password = new Option<string?>("--password") { Description = $"The password (at least {Passwords.MinLength} characters); default: read from standard input, so it stays out of the shell history." };
        var command = new Command("create", "Create a local account, or replace the one of the same username (a new password, role or scope).") { db, username, role, person, office, name, password };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(async () =>
        {
            var user = parse.GetValue(username)!.Trim();
            var secret = parse.GetValue(password) ?? (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
            var record = new PortalUserRecord(user, "", parse.GetValue(role)!, parse.GetValue(person), parse.GetValue(office), parse.GetValue(name), CliTime.Clock.GetCurrentInstant(), null);
            Validate(record, secret);
            await using var portal = await OpenAsync(parse.GetValue(db)!, cancellationToken);
            if (record.Office is { } code)
            {
                await using var directory = await Muster.Storage.Api.RegisterDirectory.OpenAsync(parse.GetValue(db)!, cancellationToken);
                if (await directory.FindOfficeAsync(code, cancellationToken) is null)
                {
                    throw new CliInputException($"--office: no office '{code}'; register it first with `muster offices add --code {code} --region RU-...`");
                }
            }

            await portal.SaveUserAsync(record with { PasswordHash = Passwords.Hash(user, secret!) }, cancellationToken);
            AnsiConsole.MarkupLine($"[green]saved[/] account {Markup.Escape(user)} ({Markup.Escape(record.Role)}{Markup.Escape(record.Office is null ? "" : " of " + record.Office)}{Markup.Escape(record.PersonId is null ? "" : " for " + record.PersonId)})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command DisableUser()
    {
        var db = StoreCli.DbOption();
        var username = new Option<string>("--username") { Description = "The account to disable; its sessions end at their next request.", Required = true };
        var command = new Command("disable", "Disable a local account.") { db, username };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(async () =>
        {
            await using var portal = await OpenAsync(parse.GetValue(db)!, cancellationToken);
            var user = await portal.FindUserAsync(parse.GetValue(username)!, cancellationToken)
                ?? throw new CliInputException($"--username: no account '{parse.GetValue(username)}'");
            await portal.SaveUserAsync(user with { DisabledAt = CliTime.Clock.GetCurrentInstant() }, cancellationToken);
            AnsiConsole.MarkupLine($"[green]disabled[/] {Markup.Escape(user.Username)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ListUsers()
    {
        var db = StoreCli.DbOption();
        var command = new Command("list", "List the local accounts (never a password or its hash).") { db };
        command.SetAction((parse, cancellationToken) => StoreCli.Guard(async () =>
        {
            await using var portal = await OpenAsync(parse.GetValue(db)!, cancellationToken);
            var table = new Table().AddColumns("username", "role", "scope", "name", "created", "disabled");
            foreach (var u in await portal.ListUsersAsync(cancellationToken))
            {
                table.AddRow(Markup.Escape(u.Username), u.Role, Markup.Escape(u.Office ?? u.PersonId ?? ""), Markup.Escape(u.Name ?? ""), u.CreatedAt.ToString(), u.DisabledAt?.ToString() ?? "");
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Validate(PortalUserRecord user, string? password)
    {
        if (user.Username.Length is 0 or > 64 || user.Username.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new CliInputException("--username: 1 to 64 characters, no spaces");
        }

        if (!PortalRoles.Contains(user.Role))
        {
            throw new CliInputException($"--role: '{user.Role}' is not one of {string.Join(", ", PortalRoles)}");
        }

        if ((user.Role == Roles.Citizen) != (user.PersonId is not null))
        {
            throw new CliInputException(user.Role == Roles.Citizen ? "--person: a citizen's account needs it" : "--person: only a citizen's account has one");
        }

        if ((user.Role == Roles.Clerk) != (user.Office is not null))
        {
            throw new CliInputException(user.Role == Roles.Clerk ? "--office: a clerk's account needs it" : "--office: only a clerk's account has one");
        }

        if (password is null || password.Length < Passwords.MinLength)
        {
            throw new CliInputException($"--password: at least {Passwords.MinLength} characters (or give it on standard input)");
        }
    }

    /// <summary>Migrates the store first (the accounts table may be new), like `muster keys`.</summary>
    private static async Task<IPortalDirectory> OpenAsync(string db, CancellationToken cancellationToken)
    {
        await StoreFactory.MigrateAsync(db, cancellationToken);
        return await PortalDirectory.OpenAsync(db, cancellationToken);
    }
}
