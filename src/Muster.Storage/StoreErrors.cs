using System.Data.Common;
using System.Net.Sockets;

namespace Muster.Storage;

/// <summary>The one place where driver errors become domain errors: callers never see a raw SqliteException or NpgsqlException.</summary>
internal static class StoreErrors
{
    public static Exception Translate(string engine, Exception e) => e switch
    {
        StoreException or OperationCanceledException or ArgumentException => e,
        Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode is 5 or 6 =>
            new StoreException($"{engine}: the database is busy (locked by another writer for too long); try again", e),
        Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode is 13 =>
            new StoreException($"{engine}: the disk is full ({s.Message}); nothing was written — free space, then try again", e) { Failure = StoreFailure.OutOfSpace },
        Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode is 14 =>
            new StoreException($"{engine}: cannot open the database file ({s.Message})", e),
        Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode is 11 or 26 =>
            new StoreException($"{engine}: the database file is damaged or not a Muster database ({s.Message})", e),
        Npgsql.PostgresException p when p.SqlState is "53100" =>
            new StoreException($"{engine}: the database server's disk is full ({p.MessageText}); nothing was written — free space, then try again", e) { Failure = StoreFailure.OutOfSpace },
        Npgsql.PostgresException p when p.SqlState is "40001" or "40P01" =>
            new StoreException($"{engine}: the transaction collided with another one ({p.SqlState}); try again", e),
        Npgsql.PostgresException p when p.SqlState is "3D000" or "28000" or "28P01" or "42501" =>
            new StoreException($"{engine}: {p.MessageText} ({p.SqlState})", e),
        Npgsql.NpgsqlException { InnerException: SocketException or TimeoutException } or Npgsql.NpgsqlException { IsTransient: true } =>
            new StoreException($"{engine}: the server cannot be reached ({e.Message})", e),
        DbException d => new StoreException($"{engine}: {d.Message}", e),
        IOException io => new StoreException($"{engine}: {io.Message}", e),
        _ => e,
    };
}
