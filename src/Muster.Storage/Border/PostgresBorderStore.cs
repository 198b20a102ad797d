using System.Data.Common;
using Muster.Storage.Api;
using Muster.Storage.Postgres;
using NodaTime;
using Npgsql;

namespace Muster.Storage.Border;

/// <summary>The border's tables in the store's PostgreSQL database, through its own pooled data source.</summary>
internal sealed class PostgresBorderStore(NpgsqlDataSource source) : IBorderStore
{
    private const string Engine = "postgres";
    private const string SnapshotColumns = "version, issued_at, contents_digest, snapshot";

    public static async Task<PostgresBorderStore> OpenAsync(string connectionString, CancellationToken cancellationToken) =>
        new(await PostgresPositional.OpenAsync(connectionString, BorderSchema.Postgres, "border", cancellationToken));

    public async Task<BorderKeysRecord> KeysAsync(Func<BorderKeysRecord> propose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(propose);
        if (await FindKeysAsync(cancellationToken) is { } kept)
        {
            return kept;
        }

        var keys = propose();
        await ExecuteAsync("INSERT INTO border_keys (id, signing_key, hash_key, created_at) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING",
            cancellationToken, keys.SigningKeyPem, keys.HashKeyPem, keys.CreatedAt.ToDateTimeUtc());
        return await FindKeysAsync(cancellationToken) ?? throw new StoreException("postgres: border_keys: the keys just kept cannot be read back");
    }

    public async Task<ExitBanProjection> ExitBannedAsync(Instant now, CancellationToken cancellationToken = default)
    {
        var at = now.ToDateTimeUtc();
        var documents = await QueryAsync(
            "SELECT d.person_id, d.issuing_state, d.number FROM status JOIN documents d ON d.person_id = status.person_id " +
            $"WHERE {BorderSchema.PostgresExitBanned} AND (next_change_at IS NULL OR next_change_at > $1)",
            r => new BannedDocument(r.GetString(0), r.GetString(1), r.GetString(2)), cancellationToken, at);
        var due = await QueryAsync("SELECT person_id, version FROM status WHERE next_change_at IS NOT NULL AND next_change_at <= $1",
            r => new DueStatus(r.GetString(0), r.GetInt64(1)), cancellationToken, at);
        return new ExitBanProjection(documents, due);
    }

    public async Task<StoredSnapshot?> LatestSnapshotAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {SnapshotColumns} FROM border_snapshots ORDER BY version DESC LIMIT 1", ReadSnapshot, cancellationToken)).FirstOrDefault();

    public async Task<StoredSnapshot?> FindSnapshotAsync(long version, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {SnapshotColumns} FROM border_snapshots WHERE version = $1", ReadSnapshot, cancellationToken, version)).FirstOrDefault();

    public async Task<StoredSnapshot> SaveSnapshotAsync(StoredSnapshot snapshot, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        await ExecuteAsync($"INSERT INTO border_snapshots ({SnapshotColumns}) VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING",
            cancellationToken, snapshot.Version, snapshot.IssuedAt.ToDateTimeUtc(), snapshot.ContentsDigest, snapshot.Bytes);
        await ExecuteAsync(BorderStore.PruneSql, cancellationToken, keep);
        return await FindSnapshotAsync(snapshot.Version, cancellationToken) ?? snapshot;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();

    private async Task<BorderKeysRecord?> FindKeysAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT signing_key, hash_key, created_at FROM border_keys WHERE id = 1",
            r => new BorderKeysRecord(r.GetString(0), r.GetString(1), Instant.FromDateTimeUtc(r.GetFieldValue<DateTime>(2))), cancellationToken)).FirstOrDefault();

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        RegisterDirectory.Guard(Engine, () => PostgresPositional.ExecuteAsync(source, sql, cancellationToken, values));

    private Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values) =>
        RegisterDirectory.Guard(Engine, () => PostgresPositional.QueryAsync(source, sql, read, cancellationToken, values));

    private static StoredSnapshot ReadSnapshot(DbDataReader r) =>
        new(r.GetInt64(0), Instant.FromDateTimeUtc(r.GetFieldValue<DateTime>(1)), r.GetFieldValue<byte[]>(2), r.GetFieldValue<byte[]>(3));
}
