using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Muster.Storage.Bench;

/// <summary>
/// The physical limit the import is compared with: the same log rows (sequence, ids, type, canonical
/// content, both hashes), already computed, written by the engine's fastest path into a bare table
/// with only a primary key. SQLite: one prepared INSERT, 50,000 rows per transaction, the store's
/// pragmas. PostgreSQL: binary COPY, 50,000 rows per COPY and transaction.
/// </summary>
public static class RawInsert
{
    public const int Batch = 50_000;

    /// <param name="table">"raw_facts" (created bare here) or "facts" (the log of a migrated store, with its indexes).</param>
    public static void Sqlite(string path, IReadOnlyList<LogRow> rows, string table = "raw_facts")
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit=67108864;" + (table == "raw_facts"
                ? "CREATE TABLE raw_facts (seq INTEGER PRIMARY KEY, fact_id TEXT NOT NULL, person_id TEXT NOT NULL, type TEXT NOT NULL, content TEXT NOT NULL, prev_hash BLOB NOT NULL, hash BLOB NOT NULL);"
                : "");
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} (seq, fact_id, person_id, type, content, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        var p = Enumerable.Range(1, 7).Select(i => insert.Parameters.Add(new SqliteParameter($"${i}", DBNull.Value))).ToArray();
        for (var start = 0; start < rows.Count; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = start; i < Math.Min(rows.Count, start + Batch); i++)
            {
                var r = rows[i];
                p[0].Value = r.Sequence;
                p[1].Value = r.FactId;
                p[2].Value = r.PersonId;
                p[3].Value = r.Type;
                p[4].Value = r.Content;
                p[5].Value = r.PreviousHash;
                p[6].Value = r.Hash;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public static async Task PostgresAsync(string connectionString, IReadOnlyList<LogRow> rows, string table = "raw_facts")
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (table == "raw_facts")
        {
            await using var setup = new NpgsqlCommand(
            "CREATE TABLE raw_facts (seq bigint PRIMARY KEY, fact_id text COLLATE \"C\" NOT NULL, person_id text COLLATE \"C\" NOT NULL, type text COLLATE \"C\" NOT NULL, content text NOT NULL, prev_hash bytea NOT NULL, hash bytea NOT NULL)", connection);
            await setup.ExecuteNonQueryAsync();
        }

        for (var start = 0; start < rows.Count; start += Batch)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY {table} (seq, fact_id, person_id, type, content, prev_hash, hash) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = start; i < Math.Min(rows.Count, start + Batch); i++)
                {
                    var r = rows[i];
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.Sequence, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(r.FactId, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.PersonId, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Type, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.Content, NpgsqlDbType.Text);
                    await copy.WriteAsync(r.PreviousHash, NpgsqlDbType.Bytea);
                    await copy.WriteAsync(r.Hash, NpgsqlDbType.Bytea);
                }

                await copy.CompleteAsync();
            }

            await transaction.CommitAsync();
        }
    }
}

/// <summary>One precomputed log row.</summary>
public sealed record LogRow(long Sequence, string FactId, string PersonId, string Type, string Content, byte[] PreviousHash, byte[] Hash);
