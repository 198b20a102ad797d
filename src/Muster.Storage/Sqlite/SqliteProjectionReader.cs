using Microsoft.Data.Sqlite;
using Muster.Storage.Rebuild;
using Muster.Storage.Writing;

namespace Muster.Storage.Sqlite;

/// <summary>The projection check's and rebuild's reads on SQLite, inside the given transaction, with prepared statements.</summary>
internal class SqliteProjectionReader(SqliteCommands commands, SqliteTransaction transaction) : IProjectionReader
{
    public ValueTask<long> FactCountAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(commands.Get("SELECT seq FROM chain_tip WHERE chain = 'facts'", transaction).ExecuteScalar() is long seq ? seq : 0);

    public ValueTask<string?> RangeEndAsync(string? after, int persons, CancellationToken cancellationToken)
    {
        // The index on (person_id, seq) gives the distinct ids in order without a sort.
        var range = new PersonRange(after, null);
        var command = commands.Bind($"SELECT DISTINCT person_id FROM facts {range.Where("person_id", '$')} ORDER BY person_id LIMIT $limit", transaction, [.. range.Values, persons]);
        string? last = null;
        var count = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                last = reader.GetString(0);
                count++;
            }
        }

        return ValueTask.FromResult(count == persons ? last : null);
    }

    public async ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> FactsAsync(PersonRange range, CancellationToken cancellationToken)
    {
        using var reader = Select($"SELECT person_id, seq, content FROM facts {range.Where("person_id", '$')} ORDER BY person_id, seq", range);
        return await PersonRows.ReadAsync(reader, cancellationToken);
    }

    public ValueTask<StoredProjections> ProjectionsAsync(PersonRange range, CancellationToken cancellationToken)
    {
        var stored = new StoredProjections();
        var where = range.Where("person_id", '$');
        using (var reader = Select($"SELECT person_id, national_id, family_name, given_names, patronymic, birth_date, region FROM persons {where}", range))
        {
            while (reader.Read())
            {
                stored.Persons[reader.GetString(0)] = new StoredPerson(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), ParseDate(reader.GetString(5)), reader.GetString(6));
            }
        }

        using (var reader = Select($"SELECT person_id, number, issuing_state, kind FROM documents {where}", range))
        {
            while (reader.Read())
            {
                stored.AddDocument(reader.GetString(0), new StoredDocument(reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        using (var reader = Select($"SELECT person_id, in_force, next_change_at, evaluated_at, version FROM status {where}", range))
        {
            while (reader.Read())
            {
                stored.Status[reader.GetString(0)] = SqliteFactStore.Status(reader);
            }
        }

        return ValueTask.FromResult(stored);
    }

    /// <summary>A birth date that is not a date is as good as altered: it shows as a difference, not a crash.</summary>
    private static NodaTime.LocalDate ParseDate(string text) =>
        NodaTime.Text.LocalDatePattern.Iso.Parse(text) is { Success: true } result ? result.Value : NodaTime.LocalDate.MinIsoValue;

    private SqliteDataReader Select(string sql, PersonRange range) => commands.Bind(sql, transaction, range.Values).ExecuteReader();
}

/// <summary>A check's reader: a connection of its own and one read transaction, so appends and lookups go on beside it (WAL).</summary>
internal sealed class SqliteProjectionSnapshot : SqliteProjectionReader, IProjectionSnapshot
{
    private readonly SqliteCommands _commands;
    private readonly SqliteTransaction _transaction;

    private SqliteProjectionSnapshot(SqliteCommands commands, SqliteTransaction transaction) : base(commands, transaction)
    {
        _commands = commands;
        _transaction = transaction;
    }

    public static SqliteProjectionSnapshot Open(string path)
    {
        var connection = SqliteCommands.Connect(path, create: false);
        try
        {
            var transaction = connection.BeginTransaction(deferred: true);
            return new SqliteProjectionSnapshot(new SqliteCommands(connection), transaction);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _transaction.Dispose();
        _commands.Dispose();
        _commands.Connection.Dispose();
        return ValueTask.CompletedTask;
    }
}
