using Muster.Storage.Postgres;
using Muster.Storage.Sqlite;

namespace Muster.Storage;

/// <summary>
/// Opens a store from its connection text: <c>sqlite:PATH</c> (the embedded default, one file) or
/// <c>postgres:CONNECTION-STRING</c> (Npgsql keywords, e.g. <c>postgres:Host=db;Database=muster;Username=muster</c>).
/// </summary>
public static class StoreFactory
{
    public const string DefaultDb = "sqlite:./data/muster.db";

    /// <summary>Opens a store whose schema is current; a store that needs migrating is refused with the command to run.</summary>
    public static async Task<IFactStore> OpenAsync(string db, StoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (engine, target) = Parse(db);
        try
        {
            return engine == "sqlite"
                ? SqliteFactStore.Open(target, options)
                : await PostgresFactStore.OpenAsync(target, options, cancellationToken);
        }
        catch (Exception e) when (StoreErrors.Translate(engine, e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }

    /// <summary>Applies the pending schema migrations (creating the SQLite file if needed).</summary>
    public static async Task<MigrationReport> MigrateAsync(string db, CancellationToken cancellationToken = default)
    {
        var (engine, target) = Parse(db);
        try
        {
            return engine == "sqlite"
                ? SqliteMigrator.Migrate(target)
                : await PostgresMigrator.MigrateAsync(target, cancellationToken);
        }
        catch (Exception e) when (StoreErrors.Translate(engine, e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }

    /// <summary>
    /// Opens something kept beside the store (a directory of the API, the portals, the border) on the
    /// engine <paramref name="db"/> names, turning driver errors into <see cref="StoreException"/>.
    /// </summary>
    internal static async Task<T> OpenBesideAsync<T>(string db, Func<string, T> sqlite, Func<string, CancellationToken, Task<T>> postgres, CancellationToken cancellationToken)
    {
        var (engine, target) = Parse(db);
        try
        {
            return engine == "sqlite" ? sqlite(target) : await postgres(target, cancellationToken);
        }
        catch (Exception e) when (StoreErrors.Translate(engine, e) is var translated && !ReferenceEquals(translated, e))
        {
            throw translated;
        }
    }

    /// <summary>The engine ("sqlite" or "postgres") and its target (a path or a connection string).</summary>
    public static (string Engine, string Target) Parse(string db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var colon = db.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? "" : db[..colon];
        var target = colon < 0 ? "" : db[(colon + 1)..];
        if (scheme is "sqlite" or "postgres" && target.Trim().Length > 0)
        {
            return (scheme, target);
        }

        throw new StoreException($"--db: expected sqlite:PATH or postgres:CONNECTION-STRING, not '{Describe(db)}'");
    }

    /// <summary>The connection text with any password hidden, for messages.</summary>
    public static string Describe(string db) =>
        System.Text.RegularExpressions.Regex.Replace(db, "(?i)(password|pwd)\\s*=\\s*[^;]*", "$1=***");
}
