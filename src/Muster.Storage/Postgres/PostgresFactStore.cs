using Muster.Core.Facts;
using Muster.Storage.Audit;
using Muster.Storage.Writing;
using NodaTime;
using Npgsql;

namespace Muster.Storage.Postgres;

/// <summary>
/// The production engine: PostgreSQL through a pooled Npgsql data source. Reads run on any pooled
/// connection (or a streaming replica); writes serialize on the chain-tip row lock.
/// </summary>
internal sealed class PostgresFactStore : FactStoreBase
{
    private readonly NpgsqlDataSource _source;

    private PostgresFactStore(NpgsqlDataSource source, StoreOptions options) : base(options) => _source = source;

    public override string Engine => "postgres";

    public static async Task<PostgresFactStore> OpenAsync(string connectionString, StoreOptions options, CancellationToken cancellationToken)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            var version = await PostgresMigrator.CurrentVersionAsync(connection, cancellationToken);
            if (version != PostgresSchema.Latest || !await PostgresMigrator.IsCurrentAsync(connection, cancellationToken))
            {
                throw new StoreException(version <= PostgresSchema.Latest
                    ? $"postgres: the database has schema version {version} (or misses a migration), this muster needs {PostgresSchema.Latest}: run `muster db migrate --db postgres:...`"
                    : $"postgres: the database has schema version {version}, newer than this muster knows ({PostgresSchema.Latest}): upgrade muster");
            }

            return new PostgresFactStore(source, options);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    protected override async ValueTask<IWriteSession> OpenWriterAsync(CancellationToken cancellationToken) =>
        new PostgresWriteSession(await _source.OpenConnectionAsync(cancellationToken));

    protected override async ValueTask<Rebuild.IProjectionSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) =>
        await PostgresProjectionSnapshot.OpenAsync(_source, cancellationToken);

    protected override async Task<PersonStream> ReadPersonCoreAsync(string personId, CancellationToken cancellationToken)
    {
        var facts = new List<Fact>();
        await using var command = _source.CreateCommand("SELECT seq, content FROM facts WHERE person_id = @p ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter<string>("p", personId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            facts.Add(StoredFact.Parse(reader.GetInt64(0), reader.GetString(1)));
        }

        return new PersonStream(personId, facts, facts.Count);
    }

    private const string PersonColumns = "p.person_id, p.national_id, p.family_name, p.given_names, p.patronymic, p.birth_date, p.region, coalesce(s.version, 0)";

    protected override Task<IReadOnlyList<PersonSummary>> FindByNationalIdCoreAsync(string nationalId, CancellationToken cancellationToken) =>
        PersonsAsync($"SELECT {PersonColumns} FROM persons p LEFT JOIN status s ON s.person_id = p.person_id WHERE p.national_id = @a ORDER BY p.person_id", nationalId, null, cancellationToken);

    protected override Task<IReadOnlyList<PersonSummary>> FindByDocumentCoreAsync(string number, string issuingState, CancellationToken cancellationToken) =>
        PersonsAsync($"SELECT {PersonColumns} FROM documents d JOIN persons p ON p.person_id = d.person_id LEFT JOIN status s ON s.person_id = p.person_id WHERE d.number = @a AND d.issuing_state = @b ORDER BY p.person_id", number, issuingState, cancellationToken);

    private async Task<IReadOnlyList<PersonSummary>> PersonsAsync(string sql, string a, string? b, CancellationToken cancellationToken)
    {
        var result = new List<PersonSummary>();
        await using var command = _source.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("a", a));
        if (b is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("b", b));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new PersonSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4),
                LocalDate.FromDateOnly(await reader.GetFieldValueAsync<DateOnly>(5, cancellationToken)),
                reader.GetString(6), reader.GetInt64(7)));
        }

        return result;
    }

    private const string StatusColumns = "person_id, in_force, next_change_at, evaluated_at, version";

    protected override async Task<StatusProjection?> GetStatusCoreAsync(string personId, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand($"SELECT {StatusColumns} FROM status WHERE person_id = @p");
        command.Parameters.Add(new NpgsqlParameter<string>("p", personId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? await StatusAsync(reader, cancellationToken) : null;
    }

    protected override async Task<IReadOnlyList<StatusProjection>> StatusByDocumentCoreAsync(string number, string issuingState, CancellationToken cancellationToken)
    {
        var result = new List<StatusProjection>();
        await using var command = _source.CreateCommand(
            "SELECT s.person_id, s.in_force, s.next_change_at, s.evaluated_at, s.version FROM documents d JOIN status s ON s.person_id = d.person_id WHERE d.number = @n AND d.issuing_state = @s ORDER BY s.person_id");
        command.Parameters.Add(new NpgsqlParameter<string>("n", number));
        command.Parameters.Add(new NpgsqlParameter<string>("s", issuingState));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(await StatusAsync(reader, cancellationToken));
        }

        return result;
    }

    protected override async Task<IReadOnlyList<StatusProjection>> DueCoreAsync(Instant before, int limit, CancellationToken cancellationToken)
    {
        var result = new List<StatusProjection>();
        await using var command = _source.CreateCommand(
            $"SELECT {StatusColumns} FROM status WHERE next_change_at IS NOT NULL AND next_change_at < @b ORDER BY next_change_at, person_id LIMIT @l");
        command.Parameters.Add(new NpgsqlParameter<DateTime>("b", before.ToDateTimeUtc()));
        command.Parameters.Add(new NpgsqlParameter<int>("l", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(await StatusAsync(reader, cancellationToken));
        }

        return result;
    }

    /// <summary>A status row (person_id, in_force, next_change_at, evaluated_at, version) as read.</summary>
    internal static async Task<StatusProjection> StatusAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var codes = reader.GetString(1);
        return new StatusProjection(
            reader.GetString(0),
            codes.Length == 0 ? [] : [.. codes.Split(',')],
            await reader.IsDBNullAsync(2, cancellationToken) ? null : Instant.FromDateTimeUtc(await reader.GetFieldValueAsync<DateTime>(2, cancellationToken)),
            Instant.FromDateTimeUtc(await reader.GetFieldValueAsync<DateTime>(3, cancellationToken)),
            reader.GetInt64(4));
    }

    protected override async Task RecordAccessCoreAsync(string official, string personId, string purpose, Instant at, CancellationToken cancellationToken)
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

        var content = AccessContent.Serialize(official, personId, purpose, at);
        var hash = AuditChain.Next(tip.Hash, content);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO access_log (seq, person_id, at, content, prev_hash, hash) VALUES (@s, @p, @a, @c, @ph, @h);
            UPDATE chain_tip SET seq = @s, hash = @h WHERE chain = 'access';
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<long>("s", tip.Sequence + 1));
            insert.Parameters.Add(new NpgsqlParameter<string>("p", personId));
            insert.Parameters.Add(new NpgsqlParameter<DateTime>("a", at.ToDateTimeUtc()));
            insert.Parameters.Add(new NpgsqlParameter<string>("c", content));
            insert.Parameters.Add(new NpgsqlParameter<byte[]>("ph", tip.Hash));
            insert.Parameters.Add(new NpgsqlParameter<byte[]>("h", hash));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    protected override async Task<IReadOnlyList<AccessRecord>> ReadAccessLogCoreAsync(string personId, CancellationToken cancellationToken)
    {
        var result = new List<AccessRecord>();
        await using var command = _source.CreateCommand("SELECT seq, content FROM access_log WHERE person_id = @p ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter<string>("p", personId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(AccessContent.Parse(reader.GetInt64(0), reader.GetString(1)));
        }

        return result;
    }

    protected override async Task<AuditReport> VerifyCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var facts = new ChainWalker("facts");
        await using (var command = new NpgsqlCommand("SELECT seq, fact_id, person_id, type, content, prev_hash, hash FROM facts ORDER BY seq", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var content = reader.GetString(4);
                if (!facts.Step(reader.GetInt64(0), content, (byte[])reader.GetValue(5), (byte[])reader.GetValue(6),
                        FactColumns.Check(content, reader.GetString(1), reader.GetString(2), reader.GetString(3))))
                {
                    break;
                }
            }
        }

        facts.Finish(await TipAsync(connection, transaction, "facts", cancellationToken));
        if (facts.Broken)
        {
            return new AuditReport(false, facts.Rows, 0, facts.TipHash, "facts", facts.BadSequence, facts.Problem);
        }

        var access = new ChainWalker("access");
        await using (var command = new NpgsqlCommand("SELECT seq, person_id, at, content, prev_hash, hash FROM access_log ORDER BY seq", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequence = reader.GetInt64(0);
                var content = reader.GetString(3);
                if (!access.Step(sequence, content, (byte[])reader.GetValue(4), (byte[])reader.GetValue(5),
                        AccessContent.CheckColumns(sequence, content, reader.GetString(1), Instant.FromDateTimeUtc(await reader.GetFieldValueAsync<DateTime>(2, cancellationToken)))))
                {
                    break;
                }
            }
        }

        access.Finish(await TipAsync(connection, transaction, "access", cancellationToken));
        return access.Broken
            ? new AuditReport(false, facts.Rows, access.Rows, facts.TipHash, "access", access.BadSequence, access.Problem)
            : AuditReport.Ok(facts.Rows, access.Rows, facts.TipHash);
    }

    private static async Task<ChainTip> TipAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string chain, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT seq, hash FROM chain_tip WHERE chain = @c", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("c", chain));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ChainTip(reader.GetInt64(0), (byte[])reader.GetValue(1)) : new ChainTip(-1, AuditChain.Genesis);
    }

    protected override Task BackupCoreAsync(string destinationPath, CancellationToken cancellationToken) =>
        throw new StoreException("postgres: muster does not copy a PostgreSQL database itself: use pg_dump for a logical backup, " +
            "or pg_basebackup with WAL archiving for point-in-time recovery (docs/storage.md)");

    public override async ValueTask DisposeAsync() => await _source.DisposeAsync();
}
