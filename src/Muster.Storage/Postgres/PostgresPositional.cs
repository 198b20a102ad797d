using System.Data.Common;
using Npgsql;

namespace Muster.Storage.Postgres;

/// <summary>
/// Plain SQL with positional parameters ($1, $2, ...) on a pooled data source: the small helpers the
/// tables kept beside the fact log (API, portals, propagation, border) share. Driver errors pass
/// through; callers turn them into <see cref="StoreException"/>.
/// </summary>
internal static class PostgresPositional
{
    /// <summary>
    /// A data source for the tables of <paramref name="migration"/>, refused with the command to run
    /// when that migration is not applied yet.
    /// </summary>
    public static async Task<NpgsqlDataSource> OpenAsync(string connectionString, Migration migration, string tables, CancellationToken cancellationToken)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            if (!(await PostgresMigrator.AppliedVersionsAsync(connection, cancellationToken)).Contains(migration.Version))
            {
                throw new StoreException($"postgres: the database has no {tables} tables yet: run `muster db migrate --db postgres:...`");
            }

            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    public static async Task<int> ExecuteAsync(NpgsqlDataSource source, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(source, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(NpgsqlDataSource source, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = Command(source, sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(read(reader));
        }

        return result;
    }

    public static NpgsqlCommand Command(NpgsqlDataSource source, string sql, object?[] values)
    {
        var command = source.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
