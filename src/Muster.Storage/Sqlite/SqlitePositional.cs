using Microsoft.Data.Sqlite;

namespace Muster.Storage.Sqlite;

/// <summary>
/// Plain SQL with positional parameters ($1, $2, ...) on short pooled connections: the small helpers
/// the tables kept beside the fact log (the API's and the portals' directories, the border's) share.
/// </summary>
internal static class SqlitePositional
{
    /// <summary>Pooled read-write connections to an existing store file (never creating one: that is `muster db migrate`'s job).</summary>
    public static string PooledConnectionString(string path) => File.Exists(path)
        ? new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true, DefaultTimeout = 60 }.ToString()
        : throw new StoreException($"sqlite: {path}: no such database; create it with `muster db migrate --db sqlite:{path}`");

    /// <summary>Runs <paramref name="operation"/> on a pooled connection, driver errors becoming <see cref="StoreException"/>.</summary>
    public static Task<T> Run<T>(string connectionString, Func<SqliteConnection, T> operation) => Api.RegisterDirectory.Guard("sqlite", () =>
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // As the store's connections: WAL commits without an fsync each (durable at checkpoints).
            pragma.CommandText = "PRAGMA synchronous=NORMAL";
            pragma.ExecuteNonQuery();
        }

        return Task.FromResult(operation(connection));
    });

    public static int Execute(SqliteConnection connection, string sql, params object?[] values)
    {
        using var command = Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }

    public static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params object?[] values)
    {
        using var command = Command(connection, sql, values);
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(read(reader));
        }

        return result;
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, object?[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", values[i] ?? DBNull.Value);
        }

        return command;
    }
}
