namespace Muster.Storage.Postgres;

/// <summary>The PostgreSQL schema, as versioned migrations. Ids use the "C" collation: byte order, the fastest b-trees.</summary>
internal static class PostgresSchema
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "fact log, chain tip, projections, access log", """
            CREATE TABLE facts (
                seq bigint PRIMARY KEY,
                fact_id text COLLATE "C" NOT NULL,
                person_id text COLLATE "C" NOT NULL,
                type text COLLATE "C" NOT NULL,
                content text NOT NULL,
                prev_hash bytea NOT NULL,
                hash bytea NOT NULL);
            CREATE UNIQUE INDEX facts_fact_id ON facts (fact_id);
            CREATE INDEX facts_person ON facts (person_id, seq);

            CREATE FUNCTION muster_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
            END $$;
            CREATE TRIGGER facts_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON facts
                FOR EACH STATEMENT EXECUTE FUNCTION muster_append_only();

            CREATE TABLE chain_tip (
                chain text PRIMARY KEY,
                seq bigint NOT NULL,
                hash bytea NOT NULL);
            INSERT INTO chain_tip (chain, seq, hash) VALUES ('facts', 0, decode(repeat('00', 32), 'hex')), ('access', 0, decode(repeat('00', 32), 'hex'));

            CREATE TABLE persons (
                person_id text COLLATE "C" PRIMARY KEY,
                national_id text COLLATE "C" NOT NULL,
                family_name text NOT NULL,
                given_names text NOT NULL,
                patronymic text,
                birth_date date NOT NULL,
                region text NOT NULL);
            CREATE INDEX persons_national_id ON persons (national_id);

            CREATE TABLE documents (
                number text COLLATE "C" NOT NULL,
                issuing_state text COLLATE "C" NOT NULL,
                person_id text COLLATE "C" NOT NULL,
                kind text NOT NULL,
                PRIMARY KEY (number, issuing_state, person_id));
            CREATE INDEX documents_person ON documents (person_id);

            CREATE TABLE status (
                person_id text COLLATE "C" PRIMARY KEY,
                in_force text NOT NULL,
                next_change_at timestamptz,
                evaluated_at timestamptz NOT NULL,
                version bigint NOT NULL);
            CREATE INDEX status_next_change ON status (next_change_at) WHERE next_change_at IS NOT NULL;

            CREATE TABLE access_log (
                seq bigint PRIMARY KEY,
                person_id text COLLATE "C" NOT NULL,
                at timestamptz NOT NULL,
                content text NOT NULL,
                prev_hash bytea NOT NULL,
                hash bytea NOT NULL);
            CREATE INDEX access_log_person ON access_log (person_id, seq);
            CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON access_log
                FOR EACH STATEMENT EXECUTE FUNCTION muster_append_only();
            """),
        // The JSON API's tables (keys, offices, summons index): src/Muster.Storage/Api/ApiSchema.cs.
        Api.ApiSchema.Postgres,
        // Propagation's tables (outbox, sweep state, notifications, webhooks): src/Muster.Storage/Propagation/PropagationSchema.cs.
        Propagation.PropagationSchema.Postgres,
        // The web portals' tables (local accounts, persons by name): src/Muster.Storage/Portal/PortalSchema.cs.
        Portal.PortalSchema.Postgres,
        // The border's (persons by birth date, who is exit-banned, snapshot keys and versions): src/Muster.Storage/Border/BorderSchema.cs.
        Border.BorderSchema.Postgres,
        // Each node's access journal, how far it is moved into the access log: src/Muster.Storage/Api/AccessJournalSchema.cs.
        Api.AccessJournalSchema.Postgres,
    ];

    public static int Latest => Migrations.Max(m => m.Version);
}
