using System.CommandLine;

namespace Muster.Cli.Commands;

/// <summary>`muster db ...`: the store's schema, backups, and its projections checked or rebuilt from the log.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var db = new Command("db", "The store: migrate its schema, back it up, check or rebuild its projections.");
        db.Subcommands.Add(DbMigrateCommand.Create());
        db.Subcommands.Add(DbBackupCommand.Create());
        db.Subcommands.Add(DbRebuildCommand.Create());
        return db;
    }
}
