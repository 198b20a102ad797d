using Muster.Storage.Postgres;
using Muster.Storage.Sqlite;
using NodaTime;

namespace Muster.Storage.Health;

/// <summary>
/// What one short look at the database found: whether every migration this program knows is applied
/// (and the highest version applied), and the earliest <c>next_change_at</c> before "now" — the
/// oldest status the sweeper has not re-evaluated yet (null: none is late).
/// </summary>
public sealed record StoreHealth(bool SchemaCurrent, int SchemaVersion, int ExpectedVersion, Instant? OldestDue);

/// <summary>A readiness probe on a store: one short look, on a connection of its own, never the store's.</summary>
public interface IStoreProbe : IAsyncDisposable
{
    /// <summary>
    /// Looks at the store as of <paramref name="now"/>. Throws <see cref="StoreException"/> when the store
    /// cannot be reached or does not answer within the probe's timeout.
    /// </summary>
    Task<StoreHealth> ProbeAsync(Instant now, CancellationToken cancellationToken = default);
}

/// <summary>Opens a probe from the store's connection text (sqlite:PATH or postgres:...).</summary>
public static class StoreProbe
{
    /// <param name="timeout">How long a look may take: connecting, and each query.</param>
    public static IStoreProbe Open(string db, TimeSpan timeout)
    {
        var (engine, target) = StoreFactory.Parse(db);
        return engine == "sqlite" ? new SqliteStoreProbe(target, timeout) : new PostgresStoreProbe(target, timeout);
    }
}
