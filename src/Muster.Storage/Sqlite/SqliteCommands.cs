using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Muster.Storage.Sqlite;

/// <summary>
/// Prepared statements of one connection, compiled once and reused: parameters are bound by
/// position in order of first appearance of each $name in the SQL.
/// </summary>
internal sealed partial class SqliteCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    public SqliteCommand Get(string sql, SqliteTransaction? transaction = null)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            command.Transaction = transaction;
            command.Prepare();
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        return command;
    }

    public SqliteCommand Bind(string sql, SqliteTransaction? transaction, params ReadOnlySpan<object?> values)
    {
        var command = Get(sql, transaction);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }

    public static long Ticks(Instant instant) => instant.ToUnixTimeTicks();

    public static Instant Instant(long ticks) => NodaTime.Instant.FromUnixTimeTicks(ticks);

    public static SqliteConnection Connect(string path, bool create)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        // journal_size_limit: a WAL that grew long (an import checkpoints beside its writes, so the WAL
        // does not start over until it ends) is cut back to 64 MB when it next starts over.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit=67108864;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    [GeneratedRegex(@"\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex ParameterName();
}
