using Muster.Storage.Health;
using NodaTime;
using Npgsql;

namespace Muster.Storage.Postgres;

/// <summary>
/// The probe on PostgreSQL: a new, unpooled connection each time with the probe's timeouts (a pooled one
/// could be a dead socket from before a restart, or wait behind the store's busy pool).
/// </summary>
internal sealed class PostgresStoreProbe : IStoreProbe
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeSpan _timeout;

    public PostgresStoreProbe(string connectionString, TimeSpan timeout)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = seconds, CommandTimeout = seconds };
        _source = NpgsqlDataSource.Create(builder);
        _timeout = timeout;
    }

    public async Task<StoreHealth> ProbeAsync(Instant now, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            await using var connection = await _source.OpenConnectionAsync(deadline.Token);
            var version = await PostgresMigrator.CurrentVersionAsync(connection, deadline.Token);
            var current = await PostgresMigrator.IsCurrentAsync(connection, deadline.Token);
            await using var command = new NpgsqlCommand("SELECT min(next_change_at) FROM status WHERE next_change_at < @now", connection);
            command.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.ToDateTimeUtc()));
            var oldest = await command.ExecuteScalarAsync(deadline.Token) is DateTime at ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : (Instant?)null;
            return new StoreHealth(current, version, PostgresSchema.Latest, oldest);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new StoreException($"postgres: no answer within {_timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (StoreErrors.Translate("postgres", e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
