using System.Data.Common;
using Muster.Storage.Audit;
using Muster.Storage.Postgres;
using NodaTime;
using Npgsql;

namespace Muster.Storage.Api;

/// <summary>The directory in the store's PostgreSQL database, through its own pooled data source.</summary>
internal sealed class PostgresRegisterDirectory : IRegisterDirectory
{
    private const string Engine = "postgres";
    private const string KeyColumns = "key_id, role, office, agency, person_id, name, created_at, revoked_at";
    private const string PersonColumns = "p.person_id, p.national_id, p.family_name, p.given_names, p.patronymic, p.birth_date, p.region, coalesce(s.version, 0)";
    private readonly NpgsqlDataSource _source;

    private PostgresRegisterDirectory(NpgsqlDataSource source) => _source = source;

    public static async Task<PostgresRegisterDirectory> OpenAsync(string connectionString, CancellationToken cancellationToken) =>
        new PostgresRegisterDirectory(await PostgresPositional.OpenAsync(connectionString, ApiSchema.Postgres, "API", cancellationToken));

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

    public async Task<IReadOnlyList<PersonSummary>> FindByDocumentAsync(string number, string issuingState, CancellationToken cancellationToken = default) =>
        await QueryAsync(
            $"SELECT {PersonColumns} FROM documents d JOIN persons p ON p.person_id = d.person_id LEFT JOIN status s ON s.person_id = p.person_id " +
            "WHERE d.number = $1 AND d.issuing_state = $2 ORDER BY p.person_id",
            ReadPerson, cancellationToken, number, issuingState);

    public async Task<IReadOnlyList<PersonSummary>> FindByBirthDateAsync(LocalDate birthDate, CancellationToken cancellationToken = default) =>
        await QueryAsync(
            $"SELECT {PersonColumns} FROM persons p LEFT JOIN status s ON s.person_id = p.person_id WHERE p.birth_date = $1 ORDER BY p.person_id",
            ReadPerson, cancellationToken, birthDate.ToDateOnly());

    public async Task<string?> FindFactPersonAsync(string factId, CancellationToken cancellationToken = default) =>
        (await QueryAsync("SELECT person_id FROM facts WHERE fact_id = $1", r => r.GetString(0), cancellationToken, factId)).FirstOrDefault();

    public Task RecordAccessAsync(IReadOnlyList<AccessEntry> entries, JournalProgress? moved = null, CancellationToken cancellationToken = default) => RegisterDirectory.Guard(Engine, async () =>
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        ChainTip tip;
        await using (var select = new NpgsqlCommand("SELECT seq, hash FROM chain_tip WHERE chain = 'access' FOR UPDATE", connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            tip = await reader.ReadAsync(cancellationToken)
                ? new ChainTip(reader.GetInt64(0), (byte[])reader.GetValue(1))
                : throw new StoreException("postgres: the access chain tip is missing");
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var e in entries)
        {
            var content = AccessContent.Of(e);
            var hash = AuditChain.Next(tip.Hash, content);
            var insert = new NpgsqlBatchCommand("INSERT INTO access_log (seq, person_id, at, content, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6)");
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tip.Sequence + 1 });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.PersonId });
            insert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = e.At.ToDateTimeUtc() });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = content });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = tip.Hash });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
            batch.BatchCommands.Add(insert);
            tip = new ChainTip(tip.Sequence + 1, hash);
        }

        var update = new NpgsqlBatchCommand("UPDATE chain_tip SET seq = $1, hash = $2 WHERE chain = 'access'");
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tip.Sequence });
        update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = tip.Hash });
        batch.BatchCommands.Add(update);
        if (moved is { } progress)
        {
            var journal = new NpgsqlBatchCommand("INSERT INTO access_journals (name, moved_through) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET moved_through = excluded.moved_through");
            journal.Parameters.Add(new NpgsqlParameter<string> { TypedValue = progress.Journal });
            journal.Parameters.Add(new NpgsqlParameter<long> { TypedValue = progress.MovedThrough });
            batch.BatchCommands.Add(journal);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return entries.Count;
    });

    public async Task<long> LogTipAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync("SELECT coalesce(max(seq), 0) FROM facts", r => r.GetInt64(0), cancellationToken)).Single();

    public async Task<IReadOnlyList<LoggedFact>> FactsAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT seq, person_id, type FROM facts WHERE seq > $1 ORDER BY seq LIMIT $2",
            r => new LoggedFact(r.GetInt64(0), r.GetString(1), r.GetString(2)), cancellationToken, afterSequence, limit);

    public async Task<long> JournalMovedThroughAsync(string journal, CancellationToken cancellationToken = default) =>
        (await QueryAsync("SELECT moved_through FROM access_journals WHERE name = $1", r => r.GetInt64(0), cancellationToken, journal)).FirstOrDefault();

    public Task ForgetJournalAsync(string journal, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM access_journals WHERE name = $1", cancellationToken, journal);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        RegisterDirectory.Guard(Engine, () => PostgresPositional.ExecuteAsync(_source, sql, cancellationToken, values));

    private Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values) =>
        RegisterDirectory.Guard(Engine, () => PostgresPositional.QueryAsync(_source, sql, read, cancellationToken, values));

    private static ApiKeyRecord ReadKey(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5),
        Instant.FromDateTimeUtc(r.GetFieldValue<DateTime>(6)), r.IsDBNull(7) ? null : Instant.FromDateTimeUtc(r.GetFieldValue<DateTime>(7)));

    private static PersonSummary ReadPerson(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(5)), r.GetString(6), r.GetInt64(7));

    private static OfficeRecord ReadOffice(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
