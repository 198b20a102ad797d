using Microsoft.Data.Sqlite;

namespace Muster.Storage.Sqlite;

/// <summary>Applies the pending SQLite migrations, each in its own IMMEDIATE transaction (so two migrators never interleave).</summary>
internal static class SqliteMigrator
{
    public static MigrationReport Migrate(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = SqliteCommands.Connect(path, create: true);
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var from = CurrentVersion(connection);
        var applied = new List<Migration>();
        foreach (var migration in SqliteSchema.Migrations.OrderBy(m => m.Version))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            if (IsApplied(connection, transaction, migration.Version))
            {
                continue;
            }

            Execute(connection, transaction, migration.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$n", migration.Name);
            record.ExecuteNonQuery();
            transaction.Commit();
            applied.Add(migration);
        }

        return new MigrationReport(from, CurrentVersion(connection), applied);
    }

    /// <summary>The schema version of an open database (0: none).</summary>
    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations') THEN 1 ELSE 0 END";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_migrations";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether every migration this muster knows is applied. Applied versions are a set, not a high-water
    /// mark: the API's migration 100 may be applied before a later store migration 2.
    /// </summary>
    public static bool IsCurrent(SqliteConnection connection) =>
        CurrentVersion(connection) != 0 && SqliteSchema.Migrations.All(m => IsApplied(connection, null, m.Version));

    private static bool IsApplied(SqliteConnection connection, SqliteTransaction? transaction, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM schema_migrations WHERE version = $v";
        command.Parameters.AddWithValue("$v", version);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
