// Microsoft.Data.Sqlite's async methods complete synchronously (SQLite is in-process I/O): the
// synchronous calls are what actually runs, without the task allocations.
#pragma warning disable VSTHRD103
using Microsoft.Data.Sqlite;
using Muster.Core.Propagation;
using Muster.Storage.Sqlite;
using NodaTime;

namespace Muster.Storage.Propagation;

/// <summary>
/// Propagation in the store's SQLite file: one write connection (sweeps and every change, behind a gate;
/// SQLite's write lock serializes it with the fact store's writer and other processes) and one read
/// connection for the feed and lookups, which WAL lets run beside a write. SQLite is single-node:
/// leadership is an exclusive lock on the file <c>PATH.leader</c>, so a second `muster serve` on the
/// same file serves the API but never sweeps or dispatches.
/// </summary>
internal sealed class SqlitePropagationStore : PropagationStoreBase
{
    private const string WebhookColumns = "id, agency, url, secret, created_at, created_by, cursor, status, failures, next_attempt_at, last_attempt_at, last_error, delivered";
    private const string NotificationColumns = "seq, change_id, person_id, at, kind, code, summons_id, subject_en, subject_ru, body_en, body_ru";
    private readonly string _path;
    private readonly SqliteCommands _write;
    private readonly SqliteCommands _read;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _readLock = new();

    private SqlitePropagationStore(string path, StoreOptions options) : base(options)
    {
        _path = path;
        _write = new SqliteCommands(SqliteCommands.Connect(path, create: false));
        _read = new SqliteCommands(SqliteCommands.Connect(path, create: false));
    }

    public override string Engine => "sqlite";

    public static SqlitePropagationStore Open(string path, StoreOptions options)
    {
        if (!File.Exists(path))
        {
            throw new StoreException($"sqlite: {path}: no such database; create it with `muster db migrate --db sqlite:{path}`");
        }

        using (var probe = SqliteCommands.Connect(path, create: false))
        using (var command = probe.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'sweep_state'";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                throw new StoreException($"sqlite: {path} has no propagation tables yet: run `muster db migrate --db sqlite:{path}`");
            }
        }

        return new SqlitePropagationStore(path, options);
    }

    protected override async ValueTask<ISweepSession> OpenSweepAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        return new SqliteSweepSession(_write, _writeGate);
    }

    public override Task<FeedPage> ReadFeedAsync(string? agency, long after, int limit, CancellationToken cancellationToken = default) => Guard(() =>
    {
        var items = new List<OutboxItem>();
        lock (_readLock)
        {
            using var reader = (agency is null
                ? _read.Bind("SELECT seq, change_id, person_id, agency, payload FROM outbox WHERE seq > $a ORDER BY seq LIMIT $l", null, after, limit)
                : _read.Bind("SELECT seq, change_id, person_id, agency, payload FROM outbox WHERE agency = $g AND seq > $a ORDER BY seq LIMIT $l", null, agency, after, limit))
                .ExecuteReader();
            while (reader.Read())
            {
                items.Add(new OutboxItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        return Task.FromResult(new FeedPage(items, items.Count > 0 ? items[^1].Seq : after));
    });

    public override Task<IReadOnlyList<NotificationRecord>> NotificationsOfAsync(string personId, CancellationToken cancellationToken = default) =>
        Guard(() => Task.FromResult(Notifications($"SELECT {NotificationColumns} FROM notifications WHERE person_id = $p ORDER BY seq DESC", personId)));

    public override Task<IReadOnlyList<NotificationRecord>> UnsentNotificationsAsync(int limit, CancellationToken cancellationToken = default) =>
        Guard(() => Task.FromResult(Notifications(
            $"SELECT {NotificationColumns} FROM notifications WHERE seq > (SELECT seq FROM delivery_cursors WHERE name = 'notifier') ORDER BY seq LIMIT $l", limit)));

    private IReadOnlyList<NotificationRecord> Notifications(string sql, params ReadOnlySpan<object?> values)
    {
        var result = new List<NotificationRecord>();
        lock (_readLock)
        {
            using var reader = _read.Bind(sql, null, values).ExecuteReader();
            while (reader.Read())
            {
                result.Add(new NotificationRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), SqliteCommands.Instant(reader.GetInt64(3)),
                    reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10)));
            }
        }

        return result;
    }

    public override Task MarkNotifiedAsync(long upToSeq, CancellationToken cancellationToken = default) =>
        WriteAsync("UPDATE delivery_cursors SET seq = $s WHERE name = 'notifier' AND seq < $s", cancellationToken, upToSeq);

    public override Task<PropagationStatus> StatusAsync(CancellationToken cancellationToken = default) => Guard(() =>
    {
        lock (_readLock)
        {
            using var reader = _read.Get("""
                SELECT s.outbox_seq, s.fact_cursor, (SELECT seq FROM chain_tip WHERE chain = 'facts'), s.swept_at,
                       (SELECT seq FROM delivery_cursors WHERE name = 'notifier'), (SELECT coalesce(max(seq), 0) FROM notifications)
                FROM sweep_state s WHERE s.id = 1
                """).ExecuteReader();
            reader.Read();
            return Task.FromResult(new PropagationStatus(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2),
                reader.IsDBNull(3) ? null : SqliteCommands.Instant(reader.GetInt64(3)), reader.GetInt64(4), reader.GetInt64(5)));
        }
    });

    public override Task<IReadOnlyDictionary<string, long>> OutboxDepthAsync(CancellationToken cancellationToken = default) => Guard(() =>
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        lock (_readLock)
        {
            using var reader = _read.Get(OutboxDepthSql).ExecuteReader();
            while (reader.Read())
            {
                result[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, long>>(result);
    });

    public override Task CreateWebhookAsync(WebhookRecord w, CancellationToken cancellationToken = default) =>
        WriteAsync($"INSERT INTO webhooks ({WebhookColumns}) VALUES ($id, $ag, $u, $s, $c, $by, $cur, $st, $f, $n, NULL, NULL, 0)", cancellationToken,
            w.Id, w.Agency, w.Url, w.Secret, SqliteCommands.Ticks(w.CreatedAt), w.CreatedBy, w.Cursor, w.Status, w.Failures, SqliteCommands.Ticks(w.NextAttemptAt));

    public override async Task<WebhookRecord?> FindWebhookAsync(string id, CancellationToken cancellationToken = default) =>
        (await Guard(() => Task.FromResult(Webhooks($"SELECT {WebhookColumns} FROM webhooks WHERE id = $id", id)))).FirstOrDefault();

    public override Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string? agency, CancellationToken cancellationToken = default) =>
        Guard(() => Task.FromResult<IReadOnlyList<WebhookRecord>>(agency is null
            ? Webhooks($"SELECT {WebhookColumns} FROM webhooks ORDER BY created_at, id")
            : Webhooks($"SELECT {WebhookColumns} FROM webhooks WHERE agency = $a ORDER BY created_at, id", agency)));

    public override async Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken = default) =>
        await WriteAsync("DELETE FROM webhooks WHERE id = $id", cancellationToken, id) == 1;

    public override async Task<bool> ReplayWebhookAsync(string id, long from, Instant now, CancellationToken cancellationToken = default) =>
        await WriteAsync("UPDATE webhooks SET cursor = $c, status = 'active', failures = 0, next_attempt_at = $n, last_error = NULL WHERE id = $id",
            cancellationToken, from, SqliteCommands.Ticks(now), id) == 1;

    public override Task<IReadOnlyList<WebhookRecord>> DueWebhooksAsync(Instant now, CancellationToken cancellationToken = default) =>
        Guard(() => Task.FromResult<IReadOnlyList<WebhookRecord>>(Webhooks($"""
            SELECT {WebhookColumns} FROM webhooks w
            WHERE status = 'active' AND next_attempt_at <= $n
              AND cursor < (SELECT coalesce(max(seq), 0) FROM outbox o WHERE o.agency = w.agency)
            ORDER BY next_attempt_at, id
            """, SqliteCommands.Ticks(now))));

    public override Task<WebhookDelivery?> BeginDeliveryAsync(string id, int limit, CancellationToken cancellationToken = default) => Guard(() =>
    {
        var webhook = Webhooks($"SELECT {WebhookColumns} FROM webhooks WHERE id = $id AND status = 'active'", id).FirstOrDefault();
        if (webhook is null)
        {
            return Task.FromResult<WebhookDelivery?>(null);
        }

        var items = new List<OutboxItem>();
        lock (_readLock)
        {
            using var reader = _read.Bind("SELECT seq, change_id, person_id, agency, payload FROM outbox WHERE agency = $g AND seq > $a ORDER BY seq LIMIT $l", null,
                webhook.Agency, webhook.Cursor, limit).ExecuteReader();
            while (reader.Read())
            {
                items.Add(new OutboxItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        return Task.FromResult<WebhookDelivery?>(items.Count == 0 ? null : new SqliteDelivery(this) { Webhook = webhook, Items = items });
    });

    public override Task<ILeadership?> TryLeadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var file = new FileStream(_path + ".leader", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult<ILeadership?>(new FileLeadership(file));
        }
        catch (IOException)
        {
            return Task.FromResult<ILeadership?>(null);
        }
    }

    private List<WebhookRecord> Webhooks(string sql, params ReadOnlySpan<object?> values)
    {
        var result = new List<WebhookRecord>();
        lock (_readLock)
        {
            using var reader = _read.Bind(sql, null, values).ExecuteReader();
            while (reader.Read())
            {
                result.Add(new WebhookRecord(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), SqliteCommands.Instant(reader.GetInt64(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(6), reader.GetString(7), reader.GetInt32(8),
                    SqliteCommands.Instant(reader.GetInt64(9)), reader.IsDBNull(10) ? null : SqliteCommands.Instant(reader.GetInt64(10)),
                    reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetInt64(12)));
            }
        }

        return result;
    }

    private Task<int> WriteAsync(string sql, CancellationToken cancellationToken, params object?[] values) => Guard(async () =>
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return _write.Bind(sql, null, values).ExecuteNonQuery();
        }
        finally
        {
            _writeGate.Release();
        }
    });

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

    /// <summary>SQLite is one node: the outcome is written guarded by the cursor read, so a replay in between wins.</summary>
    private sealed class SqliteDelivery(SqlitePropagationStore store) : WebhookDelivery
    {
        public override Task SucceededAsync(Instant at, CancellationToken cancellationToken) =>
            store.WriteAsync("""
                UPDATE webhooks SET cursor = $c, failures = 0, last_attempt_at = $a, next_attempt_at = $a, last_error = NULL, delivered = delivered + $d
                WHERE id = $id AND cursor = $old
                """, cancellationToken, Items[^1].Seq, SqliteCommands.Ticks(at), (long)Items.Count, Webhook.Id, Webhook.Cursor);

        public override Task FailedAsync(Instant at, Instant nextAttemptAt, bool park, string error, CancellationToken cancellationToken) =>
            store.WriteAsync("""
                UPDATE webhooks SET failures = failures + 1, last_attempt_at = $a, next_attempt_at = $n, last_error = $e, status = $s
                WHERE id = $id AND cursor = $old AND status = 'active'
                """, cancellationToken, SqliteCommands.Ticks(at), SqliteCommands.Ticks(nextAttemptAt), error, park ? WebhookStatus.Parked : WebhookStatus.Active,
                Webhook.Id, Webhook.Cursor);

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>SQLite leadership: an exclusive lock on a file beside the database, held while the stream is open.</summary>
internal sealed class FileLeadership(FileStream file) : ILeadership
{
    public Task<bool> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public ValueTask DisposeAsync() => file.DisposeAsync();
}

/// <summary>The sweep on the store's write connection, in one IMMEDIATE transaction (SQLite's write lock is both the sweep lock and the chain lock).</summary>
internal sealed class SqliteSweepSession(SqliteCommands commands, SemaphoreSlim gate) : SqliteSession(commands, gate), ISweepSession
{
    private const string InsertOutbox = """
        INSERT INTO outbox (seq, change_id, person_id, code, agency, kind, effective_at, summons_id, rule_id, policy_id, interval_start, generation, cause, withdrawn, code_in_force_after, recorded_at, payload)
        VALUES ($seq, $id, $p, $code, $ag, $k, $e, $s, $r, $pol, $is, $g, $c, $w, $f, $ra, $pl) ON CONFLICT (change_id) DO NOTHING
        """;
    private const string InsertNotification = """
        INSERT INTO notifications (seq, change_id, person_id, at, kind, code, summons_id, subject_en, subject_ru, body_en, body_ru)
        VALUES ($seq, $id, $p, $at, $k, $code, $s, $se, $sr, $be, $br) ON CONFLICT DO NOTHING
        """;
    private const string UpsertStatus = """
        INSERT INTO status (person_id, in_force, next_change_at, evaluated_at, version) VALUES ($p, $i, $n, $e, $v)
        ON CONFLICT (person_id) DO UPDATE SET in_force = excluded.in_force, next_change_at = excluded.next_change_at,
            evaluated_at = excluded.evaluated_at, version = excluded.version
        WHERE status.version <= excluded.version
        """;

    public ValueTask<SweepState> BeginAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BeginTransaction();
        using var reader = Commands.Get("SELECT outbox_seq, fact_cursor, (SELECT seq FROM chain_tip WHERE chain = 'facts') FROM sweep_state WHERE id = 1", Transaction).ExecuteReader();
        return ValueTask.FromResult(reader.Read()
            ? new SweepState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
            : throw new StoreException("sqlite: the sweep state is missing; run `muster db migrate`"));
    }

    public ValueTask<(List<string> Persons, long LastSeq, int Facts)> NewFactsAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var persons = new List<string>();
        var last = after;
        var count = 0;
        using var reader = Commands.Bind("SELECT seq, person_id FROM facts WHERE seq > $c ORDER BY seq LIMIT $l", Transaction, after, limit).ExecuteReader();
        while (reader.Read())
        {
            last = reader.GetInt64(0);
            persons.Add(reader.GetString(1));
            count++;
        }

        return ValueTask.FromResult((persons, last, count));
    }

    public ValueTask<List<string>> DueAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        var ticks = SqliteCommands.Ticks(now);
        using var reader = Commands.Bind(
            "SELECT person_id FROM status WHERE next_change_at IS NOT NULL AND next_change_at <= $n ORDER BY next_change_at, person_id LIMIT $l",
            Transaction, ticks, limit).ExecuteReader();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> LoadFactsAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<(long, string)>>(StringComparer.Ordinal);
        foreach (var personId in personIds)
        {
            using var reader = Commands.Bind("SELECT seq, content FROM facts WHERE person_id = $p ORDER BY seq", Transaction, personId).ExecuteReader();
            List<(long, string)>? rows = null;
            while (reader.Read())
            {
                (rows ??= []).Add((reader.GetInt64(0), reader.GetString(1)));
            }

            if (rows is not null)
            {
                result[personId] = rows;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(result);
    }

    public ValueTask<Dictionary<string, List<RestrictionChange>>> LoadChangesAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<RestrictionChange>>(StringComparer.Ordinal);
        foreach (var personId in personIds)
        {
            using var reader = Commands.Bind("""
                SELECT change_id, code, kind, effective_at, summons_id, rule_id, policy_id, interval_start, generation, cause, withdrawn, code_in_force_after
                FROM outbox WHERE person_id = $p ORDER BY seq
                """, Transaction, personId).ExecuteReader();
            List<RestrictionChange>? rows = null;
            while (reader.Read())
            {
                (rows ??= []).Add(new RestrictionChange(
                    reader.GetString(0), personId, reader.GetString(1), ChangePayload.ParseKind(reader.GetString(2)), SqliteCommands.Instant(reader.GetInt64(3)),
                    reader.GetString(4), reader.GetString(5), reader.GetString(6), SqliteCommands.Instant(reader.GetInt64(7)),
                    reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt64(10) != 0, reader.GetInt64(11) != 0, reader.GetInt32(8)));
            }

            if (rows is not null)
            {
                result[personId] = rows;
            }
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask WriteAsync(IReadOnlyList<OutboxRow> changes, IReadOnlyList<StatusRow> statuses, SweepState state, Instant now, CancellationToken cancellationToken)
    {
        foreach (var row in changes)
        {
            var c = row.Change;
            Commands.Bind(InsertOutbox, Transaction, row.Seq, c.Id, c.PersonId, c.Code, row.Agency, ChangePayload.Kind(c.Kind), SqliteCommands.Ticks(c.EffectiveAt),
                c.SummonsId, c.RuleId, c.PolicyId, SqliteCommands.Ticks(c.IntervalStart), c.Generation, c.CauseFactId, c.Withdrawn ? 1 : 0, c.CodeInForceAfter ? 1 : 0,
                SqliteCommands.Ticks(row.RecordedAt), row.Payload).ExecuteNonQuery();
            var m = row.Message;
            Commands.Bind(InsertNotification, Transaction, row.Seq, c.Id, c.PersonId, SqliteCommands.Ticks(c.EffectiveAt), ChangePayload.Kind(c.Kind), c.Code, c.SummonsId,
                m.Subject.En, m.Subject.Ru, m.Body.En, m.Body.Ru).ExecuteNonQuery();
        }

        foreach (var s in statuses)
        {
            Commands.Bind(UpsertStatus, Transaction, s.PersonId, s.InForce, s.NextChangeAt is { } n ? SqliteCommands.Ticks(n) : null, SqliteCommands.Ticks(s.EvaluatedAt), s.Version)
                .ExecuteNonQuery();
        }

        Commands.Bind("UPDATE sweep_state SET outbox_seq = $o, fact_cursor = $f, swept_at = $t WHERE id = 1", Transaction,
            state.OutboxSeq, state.FactCursor, SqliteCommands.Ticks(now)).ExecuteNonQuery();
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.CompletedTask;
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        CommitTransaction();
        return ValueTask.CompletedTask;
    }
}
