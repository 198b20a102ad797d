namespace Muster.Storage.Propagation;

/// <summary>
/// Migration 200 of both engines, owned by propagation: the outbox of restriction changes (append-only,
/// <c>seq</c> is commit order), the sweeper's state (the outbox tip and how far into the fact log it has
/// swept), the person's notifications, the notifier's cursor and the agencies' webhook subscriptions.
/// <para>On PostgreSQL a sequence would not give commit order, so <c>seq</c> is assigned by the writer
/// while it holds the lock on the single <c>sweep_state</c> row: outbox writers are serialized, one
/// transaction at a time, and a reader never sees seq N+1 before seq N.</para>
/// </summary>
internal static class PropagationSchema
{
    public static readonly Migration Sqlite = new(200, "propagation: outbox, sweep state, notifications, webhooks", """
        CREATE TABLE sweep_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            outbox_seq INTEGER NOT NULL,
            fact_cursor INTEGER NOT NULL,
            swept_at INTEGER);
        INSERT INTO sweep_state (id, outbox_seq, fact_cursor, swept_at) VALUES (1, 0, 0, NULL);

        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY,
            change_id TEXT NOT NULL,
            person_id TEXT NOT NULL,
            code TEXT NOT NULL,
            agency TEXT NOT NULL,
            kind TEXT NOT NULL,
            effective_at INTEGER NOT NULL,
            summons_id TEXT NOT NULL,
            rule_id TEXT NOT NULL,
            policy_id TEXT NOT NULL,
            interval_start INTEGER NOT NULL,
            generation INTEGER NOT NULL,
            cause TEXT,
            withdrawn INTEGER NOT NULL,
            code_in_force_after INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            payload TEXT NOT NULL);
        CREATE UNIQUE INDEX outbox_change_id ON outbox (change_id);
        CREATE INDEX outbox_agency ON outbox (agency, seq);
        CREATE INDEX outbox_person ON outbox (person_id, seq);
        CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;
        CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'the outbox is append-only'); END;

        CREATE TABLE notifications (
            seq INTEGER PRIMARY KEY,
            change_id TEXT NOT NULL,
            person_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            code TEXT NOT NULL,
            summons_id TEXT NOT NULL,
            subject_en TEXT NOT NULL,
            subject_ru TEXT NOT NULL,
            body_en TEXT NOT NULL,
            body_ru TEXT NOT NULL);
        CREATE INDEX notifications_person ON notifications (person_id, seq);

        CREATE TABLE delivery_cursors (
            name TEXT PRIMARY KEY,
            seq INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO delivery_cursors (name, seq) VALUES ('notifier', 0);

        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            agency TEXT NOT NULL,
            url TEXT NOT NULL,
            secret TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT,
            cursor INTEGER NOT NULL,
            status TEXT NOT NULL,
            failures INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_attempt_at INTEGER,
            last_error TEXT,
            delivered INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX webhooks_agency ON webhooks (agency);
        """);

    public static readonly Migration Postgres = new(200, "propagation: outbox, sweep state, notifications, webhooks", """
        CREATE TABLE sweep_state (
            id integer PRIMARY KEY CHECK (id = 1),
            outbox_seq bigint NOT NULL,
            fact_cursor bigint NOT NULL,
            swept_at timestamptz);
        INSERT INTO sweep_state (id, outbox_seq, fact_cursor, swept_at) VALUES (1, 0, 0, NULL);

        CREATE TABLE outbox (
            seq bigint PRIMARY KEY,
            change_id text COLLATE "C" NOT NULL,
            person_id text COLLATE "C" NOT NULL,
            code text COLLATE "C" NOT NULL,
            agency text COLLATE "C" NOT NULL,
            kind text NOT NULL,
            effective_at timestamptz NOT NULL,
            summons_id text NOT NULL,
            rule_id text NOT NULL,
            policy_id text NOT NULL,
            interval_start timestamptz NOT NULL,
            generation integer NOT NULL,
            cause text,
            withdrawn boolean NOT NULL,
            code_in_force_after boolean NOT NULL,
            recorded_at timestamptz NOT NULL,
            payload text NOT NULL);
        CREATE UNIQUE INDEX outbox_change_id ON outbox (change_id);
        CREATE INDEX outbox_agency ON outbox (agency, seq);
        CREATE INDEX outbox_person ON outbox (person_id, seq);
        CREATE TRIGGER outbox_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON outbox
            FOR EACH STATEMENT EXECUTE FUNCTION muster_append_only();

        CREATE TABLE notifications (
            seq bigint PRIMARY KEY,
            change_id text COLLATE "C" NOT NULL,
            person_id text COLLATE "C" NOT NULL,
            at timestamptz NOT NULL,
            kind text NOT NULL,
            code text NOT NULL,
            summons_id text NOT NULL,
            subject_en text NOT NULL,
            subject_ru text NOT NULL,
            body_en text NOT NULL,
            body_ru text NOT NULL);
        CREATE INDEX notifications_person ON notifications (person_id, seq);

        CREATE TABLE delivery_cursors (
            name text PRIMARY KEY,
            seq bigint NOT NULL);
        INSERT INTO delivery_cursors (name, seq) VALUES ('notifier', 0);

        CREATE TABLE webhooks (
            id text COLLATE "C" PRIMARY KEY,
            agency text COLLATE "C" NOT NULL,
            url text NOT NULL,
            secret text NOT NULL,
            created_at timestamptz NOT NULL,
            created_by text,
            cursor bigint NOT NULL,
            status text NOT NULL,
            failures integer NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            last_attempt_at timestamptz,
            last_error text,
            delivered bigint NOT NULL);
        CREATE INDEX webhooks_agency ON webhooks (agency);
        """);
}
