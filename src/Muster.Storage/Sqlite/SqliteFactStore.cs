using System.Collections.Immutable;
using Microsoft.Data.Sqlite;
using Muster.Core.Facts;
using Muster.Storage.Audit;
using Muster.Storage.Writing;
using NodaTime;

namespace Muster.Storage.Sqlite;

/// <summary>
/// The embedded engine: one SQLite file in WAL mode. One write connection (writes are serialized
/// by a gate and by SQLite's own write lock, which also serializes other processes) and one read
/// connection with prepared statements for lookups, which WAL lets run beside a write.
/// </summary>
internal sealed class SqliteFactStore : FactStoreBase
{
    private readonly string _path;
    private readonly SqliteCommands _write;
    private readonly SqliteCommands _read;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _readLock = new();

    private SqliteFactStore(string path, StoreOptions options, SqliteConnection write, SqliteConnection read) : base(options)
    {
        _path = path;
        _write = new SqliteCommands(write);
        _read = new SqliteCommands(read);
    }

    public override string Engine => "sqlite";

    public static SqliteFactStore Open(string path, StoreOptions options)
    {
        if (!File.Exists(path))
        {
            throw new StoreException($"sqlite: {path}: no such database; create it with `muster db migrate --db sqlite:{path}`");
        }

        var write = SqliteCommands.Connect(path, create: false);
        try
        {
            var version = SqliteMigrator.CurrentVersion(write);
            if (version != SqliteSchema.Latest || !SqliteMigrator.IsCurrent(write))
            {
                throw new StoreException(version <= SqliteSchema.Latest
                    ? $"sqlite: {path} has schema version {version} (or misses a migration), this muster needs {SqliteSchema.Latest}: run `muster db migrate --db sqlite:{path}`"
                    : $"sqlite: {path} has schema version {version}, newer than this muster knows ({SqliteSchema.Latest}): upgrade muster");
            }

            return new SqliteFactStore(path, options, write, SqliteCommands.Connect(path, create: false));
        }
        catch
        {
            write.Dispose();
            throw;
        }
    }

    protected override async ValueTask<IWriteSession> OpenWriterAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        return new SqliteWriteSession(_write, _writeGate);
    }

    protected override IBulkWriting StartBulkWriting() => new SqliteCheckpointer(_path, _write.Connection);

    protected override ValueTask<Rebuild.IProjectionSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<Rebuild.IProjectionSnapshot>(SqliteProjectionSnapshot.Open(_path));

    protected override Task<PersonStream> ReadPersonCoreAsync(string personId, CancellationToken cancellationToken)
    {
        var facts = new List<Fact>();
        lock (_readLock)
        {
            using var reader = _read.Bind("SELECT seq, content FROM facts WHERE person_id = $p ORDER BY seq", null, personId).ExecuteReader();
            while (reader.Read())
            {
                facts.Add(StoredFact.Parse(reader.GetInt64(0), reader.GetString(1)));
            }
        }

        return Task.FromResult(new PersonStream(personId, facts, facts.Count));
    }

    private const string PersonColumns = "p.person_id, p.national_id, p.family_name, p.given_names, p.patronymic, p.birth_date, p.region, coalesce(s.version, 0)";

    protected override Task<IReadOnlyList<PersonSummary>> FindByNationalIdCoreAsync(string nationalId, CancellationToken cancellationToken) =>
        Task.FromResult(Persons($"SELECT {PersonColumns} FROM persons p LEFT JOIN status s ON s.person_id = p.person_id WHERE p.national_id = $n ORDER BY p.person_id", nationalId));

    protected override Task<IReadOnlyList<PersonSummary>> FindByDocumentCoreAsync(string number, string issuingState, CancellationToken cancellationToken) =>
        Task.FromResult(Persons($"SELECT {PersonColumns} FROM documents d JOIN persons p ON p.person_id = d.person_id LEFT JOIN status s ON s.person_id = p.person_id WHERE d.number = $n AND d.issuing_state = $s ORDER BY p.person_id", number, issuingState));

    private IReadOnlyList<PersonSummary> Persons(string sql, params ReadOnlySpan<object?> values)
    {
        List<PersonSummary>? result = null;
        lock (_readLock)
        {
            using var reader = _read.Bind(sql, null, values).ExecuteReader();
            while (reader.Read())
            {
                (result ??= []).Add(new PersonSummary(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    NodaTime.Text.LocalDatePattern.Iso.Parse(reader.GetString(5)).Value,
                    reader.GetString(6), reader.GetInt64(7)));
            }
        }

        return result ?? (IReadOnlyList<PersonSummary>)[];
    }

    protected override Task<StatusProjection?> GetStatusCoreAsync(string personId, CancellationToken cancellationToken)
    {
        lock (_readLock)
        {
            using var reader = _read.Bind("SELECT person_id, in_force, next_change_at, evaluated_at, version FROM status WHERE person_id = $p", null, personId).ExecuteReader();
            return Task.FromResult(reader.Read() ? Status(reader) : null);
        }
    }

    protected override Task<IReadOnlyList<StatusProjection>> StatusByDocumentCoreAsync(string number, string issuingState, CancellationToken cancellationToken)
    {
        List<StatusProjection>? result = null;
        lock (_readLock)
        {
            using var reader = _read.Bind(
                "SELECT s.person_id, s.in_force, s.next_change_at, s.evaluated_at, s.version FROM documents d JOIN status s ON s.person_id = d.person_id WHERE d.number = $n AND d.issuing_state = $s ORDER BY s.person_id",
                null, number, issuingState).ExecuteReader();
            while (reader.Read())
            {
                (result ??= []).Add(Status(reader));
            }
        }

        return Task.FromResult(result ?? (IReadOnlyList<StatusProjection>)[]);
    }

    protected override Task<IReadOnlyList<StatusProjection>> DueCoreAsync(Instant before, int limit, CancellationToken cancellationToken)
    {
        var result = new List<StatusProjection>();
        lock (_readLock)
        {
            using var reader = _read.Bind(
                "SELECT person_id, in_force, next_change_at, evaluated_at, version FROM status WHERE next_change_at IS NOT NULL AND next_change_at < $b ORDER BY next_change_at, person_id LIMIT $l",
                null, SqliteCommands.Ticks(before), limit).ExecuteReader();
            while (reader.Read())
            {
                result.Add(Status(reader));
            }
        }

        return Task.FromResult<IReadOnlyList<StatusProjection>>(result);
    }

    /// <summary>A status row (person_id, in_force, next_change_at, evaluated_at, version) as read.</summary>
    internal static StatusProjection Status(SqliteDataReader reader)
    {
        var codes = reader.GetString(1);
        return new StatusProjection(
            reader.GetString(0),
            codes.Length == 0 ? [] : [.. codes.Split(',')],
            reader.IsDBNull(2) ? null : SqliteCommands.Instant(reader.GetInt64(2)),
            SqliteCommands.Instant(reader.GetInt64(3)),
            reader.GetInt64(4));
    }

    protected override async Task RecordAccessCoreAsync(string official, string personId, string purpose, Instant at, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _write.Connection.BeginTransaction(deferred: false);
            ChainTip tip;
            using (var reader = _write.Get("SELECT seq, hash FROM chain_tip WHERE chain = 'access'", transaction).ExecuteReader())
            {
                tip = reader.Read() ? new ChainTip(reader.GetInt64(0), (byte[])reader.GetValue(1)) : throw new StoreException("sqlite: the access chain tip is missing");
            }

            var content = AccessContent.Serialize(official, personId, purpose, at);
            var hash = AuditChain.Next(tip.Hash, content);
            var sequence = tip.Sequence + 1;
            _write.Bind("INSERT INTO access_log (seq, person_id, at, content, prev_hash, hash) VALUES ($s, $p, $a, $c, $ph, $h)", transaction,
                sequence, personId, SqliteCommands.Ticks(at), content, tip.Hash, hash).ExecuteNonQuery();
            _write.Bind("UPDATE chain_tip SET seq = $s, hash = $h WHERE chain = 'access'", transaction, sequence, hash).ExecuteNonQuery();
            transaction.Commit();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    protected override Task<IReadOnlyList<AccessRecord>> ReadAccessLogCoreAsync(string personId, CancellationToken cancellationToken)
    {
        var result = new List<AccessRecord>();
        lock (_readLock)
        {
            using var reader = _read.Bind("SELECT seq, content FROM access_log WHERE person_id = $p ORDER BY seq", null, personId).ExecuteReader();
            while (reader.Read())
            {
                result.Add(AccessContent.Parse(reader.GetInt64(0), reader.GetString(1)));
            }
        }

        return Task.FromResult<IReadOnlyList<AccessRecord>>(result);
    }

    protected override Task<AuditReport> VerifyCoreAsync(CancellationToken cancellationToken)
    {
        // Its own connection and one read transaction: a consistent snapshot, and lookups go on meanwhile.
        using var connection = SqliteCommands.Connect(_path, create: false);
        using var transaction = connection.BeginTransaction(deferred: true);
        var facts = new ChainWalker("facts");
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT seq, fact_id, person_id, type, content, prev_hash, hash FROM facts ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var content = reader.GetString(4);
                if (!facts.Step(reader.GetInt64(0), content, (byte[])reader.GetValue(5), (byte[])reader.GetValue(6),
                        FactColumns.Check(content, reader.GetString(1), reader.GetString(2), reader.GetString(3))))
                {
                    break;
                }
            }
        }

        facts.Finish(Tip(connection, transaction, "facts"));
        if (facts.Broken)
        {
            return Task.FromResult(new AuditReport(false, facts.Rows, 0, facts.TipHash, "facts", facts.BadSequence, facts.Problem));
        }

        var access = new ChainWalker("access");
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT seq, person_id, at, content, prev_hash, hash FROM access_log ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var sequence = reader.GetInt64(0);
                var content = reader.GetString(3);
                if (!access.Step(sequence, content, (byte[])reader.GetValue(4), (byte[])reader.GetValue(5),
                        AccessContent.CheckColumns(sequence, content, reader.GetString(1), SqliteCommands.Instant(reader.GetInt64(2)))))
                {
                    break;
                }
            }
        }

        access.Finish(Tip(connection, transaction, "access"));
        return Task.FromResult(access.Broken
            ? new AuditReport(false, facts.Rows, access.Rows, facts.TipHash, "access", access.BadSequence, access.Problem)
            : AuditReport.Ok(facts.Rows, access.Rows, facts.TipHash));
    }

    private static ChainTip Tip(SqliteConnection connection, SqliteTransaction transaction, string chain)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM chain_tip WHERE chain = $c";
        command.Parameters.AddWithValue("$c", chain);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new ChainTip(reader.GetInt64(0), (byte[])reader.GetValue(1)) : new ChainTip(-1, AuditChain.Genesis);
    }

    protected override Task BackupCoreAsync(string destinationPath, CancellationToken cancellationToken)
    {
        if (File.Exists(destinationPath))
        {
            throw new StoreException($"sqlite: {destinationPath} already exists; a backup never overwrites a file");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(destinationPath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var source = SqliteCommands.Connect(_path, create: false);
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationPath, Pooling = false }.ToString());
        destination.Open();
        source.BackupDatabase(destination);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            lock (_readLock)
            {
                _read.Dispose();
                _read.Connection.Dispose();
            }

            _write.Dispose();
            _write.Connection.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
