using Muster.Storage.Rebuild;
using Muster.Storage.Writing;
using NodaTime;
using Npgsql;

namespace Muster.Storage.Postgres;

/// <summary>The projection check's and rebuild's reads on PostgreSQL, inside the given connection's transaction.</summary>
internal class PostgresProjectionReader(NpgsqlConnection connection, NpgsqlTransaction transaction) : IProjectionReader
{
    public async ValueTask<long> FactCountAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT seq FROM chain_tip WHERE chain = 'facts'", connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is long seq ? seq : 0;
    }

    public async ValueTask<string?> RangeEndAsync(string? after, int persons, CancellationToken cancellationToken)
    {
        var range = new PersonRange(after, null);
        await using var command = Command($"SELECT DISTINCT person_id FROM facts {range.Where("person_id", '@')} ORDER BY person_id LIMIT @limit", range);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", persons));
        string? last = null;
        var count = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetString(0);
            count++;
        }

        return count == persons ? last : null;
    }

    public async ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> FactsAsync(PersonRange range, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT person_id, seq, content FROM facts {range.Where("person_id", '@')} ORDER BY person_id, seq", range);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await PersonRows.ReadAsync(reader, cancellationToken);
    }

    public async ValueTask<StoredProjections> ProjectionsAsync(PersonRange range, CancellationToken cancellationToken)
    {
        var stored = new StoredProjections();
        var where = range.Where("person_id", '@');
        await using (var command = Command($"SELECT person_id, national_id, family_name, given_names, patronymic, birth_date, region FROM persons {where}", range))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Persons[reader.GetString(0)] = new StoredPerson(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4),
                    LocalDate.FromDateOnly(await reader.GetFieldValueAsync<DateOnly>(5, cancellationToken)), reader.GetString(6));
            }
        }

        await using (var command = Command($"SELECT person_id, number, issuing_state, kind FROM documents {where}", range))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.AddDocument(reader.GetString(0), new StoredDocument(reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        await using (var command = Command($"SELECT person_id, in_force, next_change_at, evaluated_at, version FROM status {where}", range))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Status[reader.GetString(0)] = await PostgresFactStore.StatusAsync(reader, cancellationToken);
            }
        }

        return stored;
    }

    private NpgsqlCommand Command(string sql, PersonRange range) => Command(connection, transaction, sql, range);

    /// <summary>A command in the transaction with the range's bounds bound.</summary>
    internal static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, PersonRange range)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        if (range.After is { } after)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("after", after));
        }

        if (range.Through is { } through)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("through", through));
        }

        return command;
    }
}

/// <summary>A check's reader: a pooled connection of its own in one read-only REPEATABLE READ transaction (one snapshot; writers go on).</summary>
internal sealed class PostgresProjectionSnapshot : PostgresProjectionReader, IProjectionSnapshot
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private PostgresProjectionSnapshot(NpgsqlConnection connection, NpgsqlTransaction transaction) : base(connection, transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<PostgresProjectionSnapshot> OpenAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        var connection = await source.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                await readOnly.ExecuteNonQueryAsync(cancellationToken);
            }

            return new PostgresProjectionSnapshot(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
