using Microsoft.Data.Sqlite;
using Muster.Storage.Health;
using NodaTime;

namespace Muster.Storage.Sqlite;

/// <summary>
/// The probe on SQLite opens the file afresh every time: the store's own connections hold the file
/// open and would go on reading one that was since removed, replaced or made unreadable.
/// </summary>
internal sealed class SqliteStoreProbe(string path, TimeSpan timeout) : IStoreProbe
{
    public Task<StoreHealth> ProbeAsync(Instant now, CancellationToken cancellationToken = default)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var builder = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWrite, // never create: a missing file is a store that is gone
                Pooling = false,
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
            };
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds}";
            command.ExecuteNonQuery();
            var version = SqliteMigrator.CurrentVersion(connection);
            var current = SqliteMigrator.IsCurrent(connection);
            command.CommandText = "SELECT min(next_change_at) FROM status WHERE next_change_at IS NOT NULL AND next_change_at < $now";
            command.Parameters.AddWithValue("$now", SqliteCommands.Ticks(now));
            var oldest = command.ExecuteScalar() is long ticks ? SqliteCommands.Instant(ticks) : (Instant?)null;
            return Task.FromResult(new StoreHealth(current, version, SqliteSchema.Latest, oldest));
        }
        catch (Exception e) when (StoreErrors.Translate("sqlite", e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
