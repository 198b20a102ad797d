namespace Muster.Storage.Sqlite;

/// <summary>The SQLite schema, as versioned migrations. Instants are stored as Unix ticks (100 ns, UTC).</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "fact log, chain tip, projections, access log", """
            CREATE TABLE facts (
                seq INTEGER PRIMARY KEY,
                fact_id TEXT NOT NULL,
                person_id TEXT NOT NULL,
                type TEXT NOT NULL,
                content TEXT NOT NULL,
                prev_hash BLOB NOT NULL,
                hash BLOB NOT NULL);
            CREATE UNIQUE INDEX facts_fact_id ON facts (fact_id);
            CREATE INDEX facts_person ON facts (person_id, seq);
            CREATE TRIGGER facts_no_update BEFORE UPDATE ON facts BEGIN SELECT RAISE(ABORT, 'facts are append-only'); END;
            CREATE TRIGGER facts_no_delete BEFORE DELETE ON facts BEGIN SELECT RAISE(ABORT, 'facts are append-only'); END;

            CREATE TABLE chain_tip (
                chain TEXT PRIMARY KEY,
                seq INTEGER NOT NULL,
                hash BLOB NOT NULL) WITHOUT ROWID;
            INSERT INTO chain_tip (chain, seq, hash) VALUES ('facts', 0, zeroblob(32)), ('access', 0, zeroblob(32));

            CREATE TABLE persons (
                person_id TEXT PRIMARY KEY,
                national_id TEXT NOT NULL,
                family_name TEXT NOT NULL,
                given_names TEXT NOT NULL,
                patronymic TEXT,
                birth_date TEXT NOT NULL,
                region TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX persons_national_id ON persons (national_id);

            CREATE TABLE documents (
                number TEXT NOT NULL,
                issuing_state TEXT NOT NULL,
                person_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                PRIMARY KEY (number, issuing_state, person_id)) WITHOUT ROWID;
            CREATE INDEX documents_person ON documents (person_id);

            CREATE TABLE status (
                person_id TEXT PRIMARY KEY,
                in_force TEXT NOT NULL,
                next_change_at INTEGER,
                evaluated_at INTEGER NOT NULL,
                version INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX status_next_change ON status (next_change_at) WHERE next_change_at IS NOT NULL;

            CREATE TABLE access_log (
                seq INTEGER PRIMARY KEY,
                person_id TEXT NOT NULL,
                at INTEGER NOT NULL,
                content TEXT NOT NULL,
                prev_hash BLOB NOT NULL,
                hash BLOB NOT NULL);
            CREATE INDEX access_log_person ON access_log (person_id, seq);
            CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
            CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
            """),
        // The JSON API's tables (keys, offices, summons index): src/Muster.Storage/Api/ApiSchema.cs.
        Api.ApiSchema.Sqlite,
        // Propagation's tables (outbox, sweep state, notifications, webhooks): src/Muster.Storage/Propagation/PropagationSchema.cs.
        Propagation.PropagationSchema.Sqlite,
        // The web portals' tables (local accounts, persons by name): src/Muster.Storage/Portal/PortalSchema.cs.
        Portal.PortalSchema.Sqlite,
        // The border's (persons by birth date, who is exit-banned, snapshot keys and versions): src/Muster.Storage/Border/BorderSchema.cs.
        Border.BorderSchema.Sqlite,
        // Each node's access journal, how far it is moved into the access log: src/Muster.Storage/Api/AccessJournalSchema.cs.
        Api.AccessJournalSchema.Sqlite,
    ];

    public static int Latest => Migrations.Max(m => m.Version);
}
