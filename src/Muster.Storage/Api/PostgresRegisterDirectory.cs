using System.Data.Common;
using Muster.Storage.Postgres;
using NodaTime;
using Npgsql;

namespace Muster.Storage.Api;

/// <summary>The directory in the store's PostgreSQL database, through its own pooled data source.</summary>
internal sealed class PostgresRegisterDirectory : IRegisterDirectory
{
    private const string Engine = "postgres";
    private const string KeyColumns = "key_id, role, office, agency, person_id, name, created_at, revoked_at";
    private readonly NpgsqlDataSource _source;

    private PostgresRegisterDirectory(NpgsqlDataSource source) => _source = source;

    public static async Task<PostgresRegisterDirectory> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            if (await PostgresMigrator.CurrentVersionAsync(connection, cancellationToken) < ApiSchema.Postgres.Version)
            {
                throw new StoreException("postgres: the database has no API tables yet: run `muster db migrate --db postgres:...`");
            }

            return new PostgresRegisterDirectory(source);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    public Task CreateKeyAsync(ApiKeyRecord key, string hash, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT INTO api_keys (key_id, hash, role, office, agency, person_id, name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            cancellationToken, key.KeyId, hash, key.Role, key.Office, key.Agency, key.PersonId, key.Name, key.CreatedAt.ToDateTimeUtc());

    public async Task<ApiKeyRecord?> FindKeyAsync(string hash, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {KeyColumns} FROM api_keys WHERE hash = $1", ReadKey, cancellationToken, hash)).FirstOrDefault();

    public async Task<bool> RevokeKeyAsync(string keyId, Instant at, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE api_keys SET revoked_at = $1 WHERE key_id = $2 AND revoked_at IS NULL", cancellationToken, at.ToDateTimeUtc(), keyId) == 1;

    public async Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {KeyColumns} FROM api_keys ORDER BY created_at, key_id", ReadKey, cancellationToken);

    public Task SaveOfficeAsync(OfficeRecord office, CancellationToken cancellationToken = default) =>
        ExecuteAsync("INSERT INTO offices (code, region, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET region = excluded.region, name = excluded.name",
            cancellationToken, office.Code, office.Region, office.Name);

    public async Task<OfficeRecord?> FindOfficeAsync(string code, CancellationToken cancellationToken = default) =>
        (await QueryAsync("SELECT code, region, name FROM offices WHERE code = $1", ReadOffice, cancellationToken, code)).FirstOrDefault();

    public async Task<IReadOnlyList<OfficeRecord>> ListOfficesAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT code, region, name FROM offices ORDER BY code", ReadOffice, cancellationToken);

    public async Task<string?> FindSummonsPersonAsync(string summonsId, CancellationToken cancellationToken = default) =>
        (await QueryAsync("SELECT person_id FROM facts WHERE type = 'summons.placed' AND ((content::jsonb) ->> 'summonsId') = $1", r => r.GetString(0), cancellationToken, summonsId)).FirstOrDefault();

    public async Task<string?> FindFactPersonAsync(string factId, CancellationToken cancellationToken = default) =>
        (await QueryAsync("SELECT person_id FROM facts WHERE fact_id = $1", r => r.GetString(0), cancellationToken, factId)).FirstOrDefault();

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values) => RegisterDirectory.Guard(Engine, async () =>
    {
        await using var command = Command(sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    });

    private Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values) => RegisterDirectory.Guard(Engine, async () =>
    {
        await using var command = Command(sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(read(reader));
        }

        return result;
    });

    private NpgsqlCommand Command(string sql, object?[] values)
    {
        var command = _source.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    private static ApiKeyRecord ReadKey(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5),
        Instant.FromDateTimeUtc(r.GetFieldValue<DateTime>(6)), r.IsDBNull(7) ? null : Instant.FromDateTimeUtc(r.GetFieldValue<DateTime>(7)));

    private static OfficeRecord ReadOffice(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
