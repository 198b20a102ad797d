using Microsoft.Data.Sqlite;
using Muster.Core.Serialization;
using Muster.Storage.Audit;
using Muster.Storage.Sqlite;
using NodaTime;
using static Muster.Storage.Sqlite.SqlitePositional;

namespace Muster.Storage.Api;

/// <summary>The directory in the store's SQLite file: short pooled connections (WAL lets them read beside the store's writer).</summary>
internal sealed class SqliteRegisterDirectory : IRegisterDirectory
{
    private const string Engine = "sqlite";
    private const string KeyColumns = "key_id, role, office, agency, person_id, name, created_at, revoked_at";
    private readonly string _connectionString;
    private readonly string _path;
    private readonly Lock _accessLock = new();
    private SqliteCommands? _access;
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteCommands> _readers = [];

    private const string PersonColumns = "p.person_id, p.national_id, p.family_name, p.given_names, p.patronymic, p.birth_date, p.region, coalesce(s.version, 0)";

    private const string FindByDocumentSql =
        $"SELECT {PersonColumns} FROM documents d JOIN persons p ON p.person_id = d.person_id LEFT JOIN status s ON s.person_id = p.person_id " +
        "WHERE d.number = $n AND d.issuing_state = $s ORDER BY p.person_id";

    private const string FindByBirthDateSql =
        $"SELECT {PersonColumns} FROM persons p LEFT JOIN status s ON s.person_id = p.person_id WHERE p.birth_date = $d ORDER BY p.person_id";

    private SqliteRegisterDirectory(string path, string connectionString)
    {
        _path = path;
        _connectionString = connectionString;
    }

    public static SqliteRegisterDirectory Open(string path) => new(path, PooledConnectionString(path));

    public Task CreateKeyAsync(ApiKeyRecord key, string hash, CancellationToken cancellationToken = default) =>
        Run(c => Execute(c, "INSERT INTO api_keys (key_id, hash, role, office, agency, person_id, name, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)",
            key.KeyId, hash, key.Role, key.Office, key.Agency, key.PersonId, key.Name, SqliteCommands.Ticks(key.CreatedAt)));

    public Task<ApiKeyRecord?> FindKeyAsync(string hash, CancellationToken cancellationToken = default) =>
        Run(c => Query(c, $"SELECT {KeyColumns} FROM api_keys WHERE hash = $1", ReadKey, hash).FirstOrDefault());

    public Task<bool> RevokeKeyAsync(string keyId, Instant at, CancellationToken cancellationToken = default) =>
        Run(c => Execute(c, "UPDATE api_keys SET revoked_at = $1 WHERE key_id = $2 AND revoked_at IS NULL", SqliteCommands.Ticks(at), keyId) == 1);

    public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<ApiKeyRecord>>(c => Query(c, $"SELECT {KeyColumns} FROM api_keys ORDER BY created_at, key_id", ReadKey));

    public Task SaveOfficeAsync(OfficeRecord office, CancellationToken cancellationToken = default) =>
        Run(c => Execute(c, "INSERT INTO offices (code, region, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET region = excluded.region, name = excluded.name",
            office.Code, office.Region, office.Name));

    public Task<OfficeRecord?> FindOfficeAsync(string code, CancellationToken cancellationToken = default) =>
        Run(c => Query(c, "SELECT code, region, name FROM offices WHERE code = $1", ReadOffice, code).FirstOrDefault());

    public Task<IReadOnlyList<OfficeRecord>> ListOfficesAsync(CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<OfficeRecord>>(c => Query(c, "SELECT code, region, name FROM offices ORDER BY code", ReadOffice));

    public Task<string?> FindSummonsPersonAsync(string summonsId, CancellationToken cancellationToken = default) =>
        Run(c => Query(c, "SELECT person_id FROM facts WHERE type = 'summons.placed' AND json_extract(content, '$.summonsId') = $1", r => r.GetString(0), summonsId).FirstOrDefault());

    public Task<IReadOnlyList<PersonSummary>> FindByDocumentAsync(string number, string issuingState, CancellationToken cancellationToken = default) =>
        PooledPersons(FindByDocumentSql, number, issuingState);

    public Task<IReadOnlyList<PersonSummary>> FindByBirthDateAsync(LocalDate birthDate, CancellationToken cancellationToken = default) =>
        PooledPersons(FindByBirthDateSql, TimeFormats.Format(birthDate));

    /// <summary>Persons read on a pooled connection with prepared statements: the border's lookups (see the interface).</summary>
    private Task<IReadOnlyList<PersonSummary>> PooledPersons(string sql, params object?[] values) =>
        RegisterDirectory.Guard<IReadOnlyList<PersonSummary>>(Engine, () =>
        {
            var commands = _readers.TryTake(out var pooled) ? pooled : new SqliteCommands(SqliteCommands.Connect(_path, create: false));
            try
            {
                List<PersonSummary>? result = null;
                using (var reader = commands.Bind(sql, null, values).ExecuteReader())
                {
                    while (reader.Read())
                    {
                        (result ??= []).Add(new PersonSummary(
                            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Text(reader, 4),
                            NodaTime.Text.LocalDatePattern.Iso.Parse(reader.GetString(5)).Value, reader.GetString(6), reader.GetInt64(7)));
                    }
                }

                _readers.Add(commands);
                commands = null;
                return Task.FromResult<IReadOnlyList<PersonSummary>>(result ?? []);
            }
            finally
            {
                if (commands is not null)
                {
                    commands.Dispose();
                    commands.Connection.Dispose();
                }
            }
        });

    public Task<string?> FindFactPersonAsync(string factId, CancellationToken cancellationToken = default) =>
        Run(c => Query(c, "SELECT person_id FROM facts WHERE fact_id = $1", r => r.GetString(0), factId).FirstOrDefault());

    public Task<long> LogTipAsync(CancellationToken cancellationToken = default) =>
        Run(c => Query(c, "SELECT coalesce(max(seq), 0) FROM facts", r => r.GetInt64(0)).Single());

    public Task<IReadOnlyList<LoggedFact>> FactsAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<LoggedFact>>(c => Query(c, "SELECT seq, person_id, type FROM facts WHERE seq > $1 ORDER BY seq LIMIT $2",
            r => new LoggedFact(r.GetInt64(0), r.GetString(1), r.GetString(2)), afterSequence, limit));

    /// <summary>
    /// On a connection of its own with prepared statements (the API calls this from one writer at a
    /// time, batching concurrent reads). IMMEDIATE takes SQLite's write lock first, so the tip read here
    /// stays the tip until commit, whichever connection (this one or the store's) writes the chain next.
    /// </summary>
    public Task RecordAccessAsync(IReadOnlyList<AccessEntry> entries, JournalProgress? moved = null, CancellationToken cancellationToken = default) => RegisterDirectory.Guard(Engine, () =>
    {
        lock (_accessLock)
        {
            var commands = _access ??= new SqliteCommands(SqliteCommands.Connect(_path, create: false));
            using var transaction = commands.Connection.BeginTransaction(deferred: false);
            ChainTip tip;
            using (var reader = commands.Get("SELECT seq, hash FROM chain_tip WHERE chain = 'access'", transaction).ExecuteReader())
            {
                tip = reader.Read() ? new ChainTip(reader.GetInt64(0), (byte[])reader.GetValue(1)) : throw new StoreException("sqlite: the access chain tip is missing");
            }

            foreach (var e in entries)
            {
                var content = AccessContent.Of(e);
                var hash = AuditChain.Next(tip.Hash, content);
                commands.Bind("INSERT INTO access_log (seq, person_id, at, content, prev_hash, hash) VALUES ($s, $p, $a, $c, $ph, $h)", transaction,
                    tip.Sequence + 1, e.PersonId, SqliteCommands.Ticks(e.At), content, tip.Hash, hash).ExecuteNonQuery();
                tip = new ChainTip(tip.Sequence + 1, hash);
            }

            commands.Bind("UPDATE chain_tip SET seq = $s, hash = $h WHERE chain = 'access'", transaction, tip.Sequence, tip.Hash).ExecuteNonQuery();
            if (moved is { } progress)
            {
                commands.Bind("INSERT INTO access_journals (name, moved_through) VALUES ($n, $m) ON CONFLICT (name) DO UPDATE SET moved_through = excluded.moved_through",
                    transaction, progress.Journal, progress.MovedThrough).ExecuteNonQuery();
            }

            transaction.Commit();
            return Task.FromResult(entries.Count);
        }
    });

    public Task<long> JournalMovedThroughAsync(string journal, CancellationToken cancellationToken = default) =>
        Run(c => Query(c, "SELECT moved_through FROM access_journals WHERE name = $1", r => r.GetInt64(0), journal).FirstOrDefault());

    public Task ForgetJournalAsync(string journal, CancellationToken cancellationToken = default) =>
        Run(c => Execute(c, "DELETE FROM access_journals WHERE name = $1", journal));

    public ValueTask DisposeAsync()
    {
        lock (_accessLock)
        {
            if (_access is { } access)
            {
                access.Dispose();
                access.Connection.Dispose();
                _access = null;
            }
        }

        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
            reader.Connection.Dispose();
        }

        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private Task<T> Run<T>(Func<SqliteConnection, T> operation) => SqlitePositional.Run(_connectionString, operation);

    private Task Run(Func<SqliteConnection, int> operation) => Run<int>(operation);

    private static ApiKeyRecord ReadKey(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5),
        SqliteCommands.Instant(r.GetInt64(6)), r.IsDBNull(7) ? null : SqliteCommands.Instant(r.GetInt64(7)));

    private static OfficeRecord ReadOffice(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2));

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
