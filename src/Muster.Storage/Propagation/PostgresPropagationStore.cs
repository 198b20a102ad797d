using System.Data.Common;
using Muster.Core.Propagation;
using Muster.Storage.Postgres;
using Muster.Storage.Writing;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Muster.Storage.Propagation;

/// <summary>
/// Propagation in the store's PostgreSQL database through its own pooled data source. Sweeps hold the
/// sweep_state row lock (outbox writers serialized: seq is commit order) and share the chain-tip lock
/// (appends wait for the sweep's short transaction). Deliveries lock their subscription's row for the
/// whole attempt, so two nodes never deliver to one endpoint at once. Leadership is a session advisory
/// lock held on a dedicated, unpooled connection for as long as the node leads.
/// </summary>
internal sealed class PostgresPropagationStore : PropagationStoreBase
{
    public const long LeaderLockKey = 0x4d75737465720002; // "Muster" + 2 (the migrator uses + 1)
    private const string WebhookColumns = "id, agency, url, secret, created_at, created_by, cursor, status, failures, next_attempt_at, last_attempt_at, last_error, delivered";
    private const string NotificationColumns = "seq, change_id, person_id, at, kind, code, summons_id, subject_en, subject_ru, body_en, body_ru";
    private readonly NpgsqlDataSource _source;
    private readonly string _connectionString;

    private PostgresPropagationStore(NpgsqlDataSource source, string connectionString, StoreOptions options) : base(options)
    {
        _source = source;
        _connectionString = connectionString;
    }

    public override string Engine => "postgres";

    public static async Task<PostgresPropagationStore> OpenAsync(string connectionString, StoreOptions options, CancellationToken cancellationToken)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            await using var command = source.CreateCommand("SELECT to_regclass('sweep_state') IS NOT NULL");
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                throw new StoreException("postgres: the database has no propagation tables yet: run `muster db migrate --db postgres:...`");
            }

            return new PostgresPropagationStore(source, connectionString, options);
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    protected override async ValueTask<ISweepSession> OpenSweepAsync(CancellationToken cancellationToken) =>
        new PostgresSweepSession(await _source.OpenConnectionAsync(cancellationToken));

    private static DateTime Utc(Instant instant) => instant.ToDateTimeUtc();

    private static Instant At(DbDataReader r, int i) => Instant.FromDateTimeUtc(r.GetFieldValue<DateTime>(i));

    private static Instant? AtOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : At(r, i);

    private static string? TextOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public override Task<FeedPage> ReadFeedAsync(string? agency, long after, int limit, CancellationToken cancellationToken = default) => Guard(async () =>
    {
        var items = await QueryAsync(agency is null
                ? "SELECT seq, change_id, person_id, agency, payload FROM outbox WHERE seq > $1 ORDER BY seq LIMIT $2"
                : "SELECT seq, change_id, person_id, agency, payload FROM outbox WHERE seq > $1 AND agency = $3 ORDER BY seq LIMIT $2",
            ReadItem, cancellationToken, agency is null ? [after, limit] : [after, limit, agency]);
        return new FeedPage(items, items.Count > 0 ? items[^1].Seq : after);
    });

    private static OutboxItem ReadItem(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4));

    public override async Task<IReadOnlyList<NotificationRecord>> NotificationsOfAsync(string personId, CancellationToken cancellationToken = default) =>
        await Guard(() => QueryAsync($"SELECT {NotificationColumns} FROM notifications WHERE person_id = $1 ORDER BY seq DESC", ReadNotification, cancellationToken, personId));

    public override async Task<IReadOnlyList<NotificationRecord>> UnsentNotificationsAsync(int limit, CancellationToken cancellationToken = default) =>
        await Guard(() => QueryAsync(
            $"SELECT {NotificationColumns} FROM notifications WHERE seq > (SELECT seq FROM delivery_cursors WHERE name = 'notifier') ORDER BY seq LIMIT $1",
            ReadNotification, cancellationToken, limit));

    private static NotificationRecord ReadNotification(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), At(r, 3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10));

    public override Task MarkNotifiedAsync(long upToSeq, CancellationToken cancellationToken = default) =>
        Guard(() => ExecuteAsync("UPDATE delivery_cursors SET seq = $1 WHERE name = 'notifier' AND seq < $1", cancellationToken, upToSeq));

    public override Task<PropagationStatus> StatusAsync(CancellationToken cancellationToken = default) => Guard(async () =>
        (await QueryAsync("""
            SELECT s.outbox_seq, s.fact_cursor, (SELECT seq FROM chain_tip WHERE chain = 'facts'), s.swept_at,
                   (SELECT seq FROM delivery_cursors WHERE name = 'notifier'), (SELECT coalesce(max(seq), 0) FROM notifications)
            FROM sweep_state s WHERE s.id = 1
            """, r => new PropagationStatus(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), AtOrNull(r, 3), r.GetInt64(4), r.GetInt64(5)), cancellationToken))[0]);

    public override async Task<IReadOnlyDictionary<string, long>> OutboxDepthAsync(CancellationToken cancellationToken = default) =>
        (await Guard(() => QueryAsync(OutboxDepthSql, r => (Agency: r.GetString(0), Depth: Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), cancellationToken)))
            .ToDictionary(x => x.Agency, x => x.Depth, StringComparer.Ordinal);

    public override Task CreateWebhookAsync(WebhookRecord w, CancellationToken cancellationToken = default) =>
        Guard(() => ExecuteAsync($"INSERT INTO webhooks ({WebhookColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, NULL, 0)", cancellationToken,
            w.Id, w.Agency, w.Url, w.Secret, Utc(w.CreatedAt), w.CreatedBy, w.Cursor, w.Status, w.Failures, Utc(w.NextAttemptAt)));

    public override async Task<WebhookRecord?> FindWebhookAsync(string id, CancellationToken cancellationToken = default) =>
        (await Guard(() => QueryAsync($"SELECT {WebhookColumns} FROM webhooks WHERE id = $1", ReadWebhook, cancellationToken, id))).FirstOrDefault();

    public override async Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(string? agency, CancellationToken cancellationToken = default) =>
        await Guard(() => agency is null
            ? QueryAsync($"SELECT {WebhookColumns} FROM webhooks ORDER BY created_at, id", ReadWebhook, cancellationToken)
            : QueryAsync($"SELECT {WebhookColumns} FROM webhooks WHERE agency = $1 ORDER BY created_at, id", ReadWebhook, cancellationToken, agency));

    public override async Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken = default) =>
        await Guard(() => ExecuteAsync("DELETE FROM webhooks WHERE id = $1", cancellationToken, id)) == 1;

    public override async Task<bool> ReplayWebhookAsync(string id, long from, Instant now, CancellationToken cancellationToken = default) =>
        await Guard(() => ExecuteAsync("UPDATE webhooks SET cursor = $1, status = 'active', failures = 0, next_attempt_at = $2, last_error = NULL WHERE id = $3",
            cancellationToken, from, Utc(now), id)) == 1;

    public override async Task<IReadOnlyList<WebhookRecord>> DueWebhooksAsync(Instant now, CancellationToken cancellationToken = default) =>
        await Guard(() => QueryAsync($"""
            SELECT {WebhookColumns} FROM webhooks w
            WHERE status = 'active' AND next_attempt_at <= $1
              AND cursor < (SELECT coalesce(max(seq), 0) FROM outbox o WHERE o.agency = w.agency)
            ORDER BY next_attempt_at, id
            """, ReadWebhook, cancellationToken, Utc(now)));

    private static WebhookRecord ReadWebhook(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), At(r, 4), TextOrNull(r, 5), r.GetInt64(6), r.GetString(7), r.GetInt32(8),
        At(r, 9), AtOrNull(r, 10), TextOrNull(r, 11), r.GetInt64(12));

    public override Task<WebhookDelivery?> BeginDeliveryAsync(string id, int limit, CancellationToken cancellationToken = default) => Guard(async () =>
    {
        var connection = await _source.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            WebhookRecord? webhook;
            await using (var select = new NpgsqlCommand($"SELECT {WebhookColumns} FROM webhooks WHERE id = $1 AND status = 'active' FOR UPDATE SKIP LOCKED", connection, transaction))
            {
                select.Parameters.Add(new NpgsqlParameter { Value = id });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                webhook = await reader.ReadAsync(cancellationToken) ? ReadWebhook(reader) : null;
            }

            var items = new List<OutboxItem>();
            if (webhook is not null)
            {
                await using var batch = new NpgsqlCommand("SELECT seq, change_id, person_id, agency, payload FROM outbox WHERE agency = $1 AND seq > $2 ORDER BY seq LIMIT $3", connection, transaction);
                batch.Parameters.Add(new NpgsqlParameter { Value = webhook.Agency });
                batch.Parameters.Add(new NpgsqlParameter { Value = webhook.Cursor });
                batch.Parameters.Add(new NpgsqlParameter { Value = limit });
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add(ReadItem(reader));
                }
            }

            if (webhook is null || items.Count == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
                return null;
            }

            return (WebhookDelivery?)new PostgresDelivery(connection, transaction) { Webhook = webhook, Items = items };
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    });

    public override Task<ILeadership?> TryLeadAsync(CancellationToken cancellationToken = default) => Guard(async () =>
    {
        // Its own connection, never pooled: the lock lives exactly as long as this session.
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false, KeepAlive = 2, CommandTimeout = 5, Timeout = 5 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LeaderLockKey})", connection);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return (ILeadership?)new AdvisoryLeadership(connection);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    });

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        PostgresPositional.ExecuteAsync(_source, sql, cancellationToken, values);

    private Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values) =>
        PostgresPositional.QueryAsync(_source, sql, read, cancellationToken, values);

    public override ValueTask DisposeAsync() => _source.DisposeAsync();

    /// <summary>The attempt holds the subscription's row lock in its transaction; the outcome is written and committed in it.</summary>
    private sealed class PostgresDelivery(NpgsqlConnection connection, NpgsqlTransaction transaction) : WebhookDelivery
    {
        private bool _done;

        public override Task SucceededAsync(Instant at, CancellationToken cancellationToken) => FinishAsync("""
            UPDATE webhooks SET cursor = $1, failures = 0, last_attempt_at = $2, next_attempt_at = $2, last_error = NULL, delivered = delivered + $3 WHERE id = $4
            """, cancellationToken, Items[^1].Seq, Utc(at), (long)Items.Count, Webhook.Id);

        public override Task FailedAsync(Instant at, Instant nextAttemptAt, bool park, string error, CancellationToken cancellationToken) => FinishAsync("""
            UPDATE webhooks SET failures = failures + 1, last_attempt_at = $1, next_attempt_at = $2, last_error = $3, status = $4 WHERE id = $5
            """, cancellationToken, Utc(at), Utc(nextAttemptAt), error, park ? WebhookStatus.Parked : WebhookStatus.Active, Webhook.Id);

        private async Task FinishAsync(string sql, CancellationToken cancellationToken, params object[] values)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                foreach (var value in values)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                _done = true;
            }
            catch (Exception e) when (StoreErrors.Translate("postgres", e) is var translated && !ReferenceEquals(translated, e))
            {
                throw translated;
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (!_done)
            {
                try
                {
                    await transaction.RollbackAsync();
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // a broken connection has lost the transaction already
                }
            }

            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>The advisory lock's session: alive while a trivial query on it answers.</summary>
    private sealed class AdvisoryLeadership(NpgsqlConnection connection) : ILeadership
    {
        public async Task<bool> CheckAsync(CancellationToken cancellationToken)
        {
            try
            {
                await using var command = new NpgsqlCommand($"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objid = {(uint)(LeaderLockKey & 0xffffffff)}", connection);
                return await command.ExecuteScalarAsync(cancellationToken) is long n && n > 0;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            // Closing the session releases the lock; an unlock first makes it immediate even if close is slow.
            try
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({LeaderLockKey})", connection);
                    await command.ExecuteScalarAsync();
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                // the session is gone, and the lock with it
            }

            await connection.DisposeAsync();
        }
    }
}

/// <summary>The sweep on one pooled connection: the sweep_state row lock (FOR UPDATE) and the chain tip shared (FOR SHARE), set-based reads and writes.</summary>
internal sealed class PostgresSweepSession(NpgsqlConnection connection) : PostgresSession(connection), ISweepSession
{
    public async ValueTask<SweepState> BeginAsync(CancellationToken cancellationToken)
    {
        await BeginTransactionAsync(cancellationToken);
        long outbox, cursor;
        await using (var command = new NpgsqlCommand("SELECT outbox_seq, fact_cursor FROM sweep_state WHERE id = 1 FOR UPDATE", Connection, Transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new StoreException("postgres: the sweep state is missing; run `muster db migrate`");
            }

            (outbox, cursor) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        await using (var command = new NpgsqlCommand("SELECT seq FROM chain_tip WHERE chain = 'facts' FOR SHARE", Connection, Transaction))
        {
            var tip = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return new SweepState(outbox, cursor, tip);
        }
    }

    public async ValueTask<(List<string> Persons, long LastSeq, int Facts)> NewFactsAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var persons = new List<string>();
        var last = after;
        await using var command = new NpgsqlCommand("SELECT seq, person_id FROM facts WHERE seq > $1 ORDER BY seq LIMIT $2", Connection, Transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetInt64(0);
            persons.Add(reader.GetString(1));
        }

        return (persons, last, persons.Count);
    }

    public async ValueTask<List<string>> DueAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        var result = new List<string>();
        await using var command = new NpgsqlCommand(
            "SELECT person_id FROM status WHERE next_change_at IS NOT NULL AND next_change_at <= $1 ORDER BY next_change_at, person_id LIMIT $2",
            Connection, Transaction);
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.ToDateTimeUtc() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    public async ValueTask<Dictionary<string, List<(long Sequence, string Content)>>> LoadFactsAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT person_id, seq, content FROM facts WHERE person_id = ANY($1) ORDER BY person_id, seq", Connection, Transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. personIds] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await PersonRows.ReadAsync(reader, cancellationToken);
    }

    public async ValueTask<Dictionary<string, List<RestrictionChange>>> LoadChangesAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<RestrictionChange>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""
            SELECT person_id, change_id, code, kind, effective_at, summons_id, rule_id, policy_id, interval_start, generation, cause, withdrawn, code_in_force_after
            FROM outbox WHERE person_id = ANY($1) ORDER BY person_id, seq
            """, Connection, Transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. personIds] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var personId = reader.GetString(0);
            if (!result.TryGetValue(personId, out var rows))
            {
                result[personId] = rows = [];
            }

            rows.Add(new RestrictionChange(
                reader.GetString(1), personId, reader.GetString(2), ChangePayload.ParseKind(reader.GetString(3)),
                Instant.FromDateTimeUtc(await reader.GetFieldValueAsync<DateTime>(4, cancellationToken)), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                Instant.FromDateTimeUtc(await reader.GetFieldValueAsync<DateTime>(8, cancellationToken)), await reader.IsDBNullAsync(10, cancellationToken) ? null : reader.GetString(10),
                reader.GetBoolean(11), reader.GetBoolean(12), reader.GetInt32(9)));
        }

        return result;
    }

    public async ValueTask WriteAsync(IReadOnlyList<OutboxRow> changes, IReadOnlyList<StatusRow> statuses, SweepState state, Instant now, CancellationToken cancellationToken)
    {
        if (changes.Count > 0)
        {
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO outbox (seq, change_id, person_id, code, agency, kind, effective_at, summons_id, rule_id, policy_id, interval_start, generation, cause, withdrawn, code_in_force_after, recorded_at, payload)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                ON CONFLICT (change_id) DO NOTHING
                """, Connection, Transaction))
            {
                var p = insert.Parameters;
                p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. changes.Select(r => r.Seq)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.Id)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.PersonId)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.Code)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Agency)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => ChangePayload.Kind(r.Change.Kind))] });
                p.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. changes.Select(r => r.Change.EffectiveAt.ToDateTimeUtc())], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.SummonsId)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.RuleId)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.PolicyId)] });
                p.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. changes.Select(r => r.Change.IntervalStart.ToDateTimeUtc())], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. changes.Select(r => r.Change.Generation)] });
                p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. changes.Select(r => r.Change.CauseFactId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                p.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. changes.Select(r => r.Change.Withdrawn)] });
                p.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. changes.Select(r => r.Change.CodeInForceAfter)] });
                p.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. changes.Select(r => r.RecordedAt.ToDateTimeUtc())], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Payload)] });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var insert = new NpgsqlCommand("""
                INSERT INTO notifications (seq, change_id, person_id, at, kind, code, summons_id, subject_en, subject_ru, body_en, body_ru)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT DO NOTHING
                """, Connection, Transaction))
            {
                var p = insert.Parameters;
                p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. changes.Select(r => r.Seq)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.Id)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.PersonId)] });
                p.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. changes.Select(r => r.Change.EffectiveAt.ToDateTimeUtc())], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => ChangePayload.Kind(r.Change.Kind))] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.Code)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Change.SummonsId)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Message.Subject.En)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Message.Subject.Ru)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Message.Body.En)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. changes.Select(r => r.Message.Body.Ru)] });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (statuses.Count > 0)
        {
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO status (person_id, in_force, next_change_at, evaluated_at, version)
                SELECT * FROM unnest($1, $2, $3, $4, $5)
                ON CONFLICT (person_id) DO UPDATE SET in_force = excluded.in_force, next_change_at = excluded.next_change_at,
                    evaluated_at = excluded.evaluated_at, version = excluded.version
                WHERE status.version <= excluded.version
                """, Connection, Transaction);
            var ordered = statuses.OrderBy(s => s.PersonId, StringComparer.Ordinal).ToList();
            var p = upsert.Parameters;
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ordered.Select(s => s.PersonId)] });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ordered.Select(s => s.InForce)] });
            p.Add(new NpgsqlParameter<DateTime?[]> { TypedValue = [.. ordered.Select(s => s.NextChangeAt?.ToDateTimeUtc())], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            p.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. ordered.Select(s => s.EvaluatedAt.ToDateTimeUtc())], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. ordered.Select(s => s.Version)] });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var update = new NpgsqlCommand("UPDATE sweep_state SET outbox_seq = $1, fact_cursor = $2, swept_at = $3 WHERE id = 1", Connection, Transaction);
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.OutboxSeq });
        update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.FactCursor });
        update.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.ToDateTimeUtc() });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask CommitAsync(CancellationToken cancellationToken) => CommitTransactionAsync(cancellationToken);
}
