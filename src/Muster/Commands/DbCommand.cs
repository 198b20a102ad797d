using System.CommandLine;

namespace Muster.Cli.Commands;

/// <summary>`muster db ...`: the store's schema and backups.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "The store: migrate its schema, back it up.");
        db.Subcommands.Add(DbMigrateCommand.Create());
        db.Subcommands.Add(DbBackupCommand.Create());
        return db;
    }
}
