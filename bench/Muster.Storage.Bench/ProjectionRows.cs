using Microsoft.Data.Sqlite;
using Npgsql;

namespace Muster.Storage.Bench;

/// <summary>
/// The other rows an import writes besides the log: the persons, documents and status projections,
/// taken as they are from an imported store and written again, by the engine's fastest path, into
/// another migrated store (its tables, indexes and triggers as they are). Added to the log rows, that
/// is every row the import stores, written with none of the import's own work (parsing, validation,
/// the hash chain, the evaluator): the physical limit of storing what an import must store.
/// </summary>
public static class ProjectionRows
{
    private static readonly string[] Tables = ["persons", "documents", "status"];

    public sealed record Table(string Name, string[] Columns, List<object[]> Rows);

    public static List<Table> ReadSqlite(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        var tables = new List<Table>();
        foreach (var name in Tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {name}";
            using var reader = select.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object[]>();
            while (reader.Read())
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row);
            }

            tables.Add(new Table(name, columns, rows));
        }

        return tables;
    }

    /// <summary>One prepared INSERT per table, <see cref="RawInsert.Batch"/> rows per transaction, the store's pragmas.</summary>
    public static void WriteSqlite(string path, List<Table> tables)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit=67108864;";
            setup.ExecuteNonQuery();
        }

        foreach (var table in tables)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"${i + 1}"))})";
            var p = table.Columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"${i + 1}", DBNull.Value))).ToArray();
            for (var start = 0; start < table.Rows.Count; start += RawInsert.Batch)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                for (var i = start; i < Math.Min(table.Rows.Count, start + RawInsert.Batch); i++)
                {
                    var row = table.Rows[i];
                    for (var c = 0; c < row.Length; c++)
                    {
                        p[c].Value = row[c];
                    }

                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }
        }
    }

    /// <summary>Each table as PostgreSQL's binary COPY format, read with COPY TO.</summary>
    public static async Task<List<(string Name, byte[] Copy)>> ReadPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<(string, byte[])>();
        foreach (var name in Tables)
        {
            await using var copy = await connection.BeginRawBinaryCopyAsync($"COPY {name} TO STDOUT (FORMAT BINARY)");
            using var buffer = new MemoryStream();
            await copy.CopyToAsync(buffer);
            tables.Add((name, buffer.ToArray()));
        }

        return tables;
    }

    /// <summary>One binary COPY per table, in one transaction: PostgreSQL's fastest path.</summary>
    public static async Task WritePostgresAsync(string connectionString, List<(string Name, byte[] Copy)> tables)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var (name, bytes) in tables)
        {
            await using var copy = await connection.BeginRawBinaryCopyAsync($"COPY {name} FROM STDIN (FORMAT BINARY)");
            await copy.WriteAsync(bytes);
        }

        await transaction.CommitAsync();
    }
}
