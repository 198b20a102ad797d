using Microsoft.Data.Sqlite;
using Muster.Storage.Sqlite;
using NodaTime;
using static Muster.Storage.Sqlite.SqlitePositional;

namespace Muster.Storage.Border;

/// <summary>The border's tables in the store's SQLite file: short pooled connections beside the store's writer (WAL).</summary>
internal sealed class SqliteBorderStore(string connectionString) : IBorderStore
{
    private const string SnapshotColumns = "version, issued_at, contents_digest, snapshot";

    public static SqliteBorderStore Open(string path) => new(PooledConnectionString(path));

    public async Task<BorderKeysRecord> KeysAsync(Func<BorderKeysRecord> propose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(propose);
        if (await FindKeysAsync() is { } kept)
        {
            return kept;
        }

        var keys = propose();
        await Run(c => Execute(c, "INSERT INTO border_keys (id, signing_key, hash_key, created_at) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING",
            keys.SigningKeyPem, keys.HashKeyPem, SqliteCommands.Ticks(keys.CreatedAt)));
        return await FindKeysAsync() ?? throw new StoreException("sqlite: border_keys: the keys just kept cannot be read back");
    }

    public Task<ExitBanProjection> ExitBannedAsync(Instant now, CancellationToken cancellationToken = default) => Run(c =>
    {
        var at = SqliteCommands.Ticks(now);

        // No ORDER BY: it would make SQLite walk every document instead of the partial index of the banned (the snapshot builder sorts).
        var documents = Query(c,
            "SELECT d.person_id, d.issuing_state, d.number FROM status JOIN documents d ON d.person_id = status.person_id " +
            $"WHERE {BorderSchema.SqliteExitBanned} AND (next_change_at IS NULL OR next_change_at > $1)",
            r => new BannedDocument(r.GetString(0), r.GetString(1), r.GetString(2)), at);
        var due = Query(c, "SELECT person_id, version FROM status WHERE next_change_at IS NOT NULL AND next_change_at <= $1",
            r => new DueStatus(r.GetString(0), r.GetInt64(1)), at);
        return new ExitBanProjection(documents, due);
    });

    public Task<StoredSnapshot?> LatestSnapshotAsync(CancellationToken cancellationToken = default) =>
        Run(c => Query(c, $"SELECT {SnapshotColumns} FROM border_snapshots ORDER BY version DESC LIMIT 1", ReadSnapshot).FirstOrDefault());

    public Task<StoredSnapshot?> FindSnapshotAsync(long version, CancellationToken cancellationToken = default) =>
        Run(c => Query(c, $"SELECT {SnapshotColumns} FROM border_snapshots WHERE version = $1", ReadSnapshot, version).FirstOrDefault());

    public async Task<StoredSnapshot> SaveSnapshotAsync(StoredSnapshot snapshot, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        await Run(c => Execute(c, $"INSERT INTO border_snapshots ({SnapshotColumns}) VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING",
            snapshot.Version, SqliteCommands.Ticks(snapshot.IssuedAt), snapshot.ContentsDigest, snapshot.Bytes));
        await Run(c => Execute(c, BorderStore.PruneSql, keep));
        return await FindSnapshotAsync(snapshot.Version, cancellationToken) ?? snapshot;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private Task<BorderKeysRecord?> FindKeysAsync() =>
        Run(c => Query(c, "SELECT signing_key, hash_key, created_at FROM border_keys WHERE id = 1",
            r => new BorderKeysRecord(r.GetString(0), r.GetString(1), SqliteCommands.Instant(r.GetInt64(2)))).FirstOrDefault());

    private Task<T> Run<T>(Func<SqliteConnection, T> operation) => SqlitePositional.Run(connectionString, operation);

    private static StoredSnapshot ReadSnapshot(SqliteDataReader r) =>
        new(r.GetInt64(0), SqliteCommands.Instant(r.GetInt64(1)), (byte[])r.GetValue(2), (byte[])r.GetValue(3));
}
