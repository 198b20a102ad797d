namespace Muster.Storage.Api;

/// <summary>
/// Migration 100 of both engines, owned by the JSON API: API keys (only their SHA-256 hashes),
/// enlistment offices and their regions, and an index to find the person a summons belongs to.
/// Numbered 100 so it never clashes with the store's own migrations (1, 2, ...).
/// </summary>
internal static class ApiSchema
{
    public static readonly Migration Sqlite = new(100, "api keys, offices, summons index", """
        CREATE TABLE api_keys (
            key_id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            office TEXT,
            agency TEXT,
            person_id TEXT,
            name TEXT,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER) WITHOUT ROWID;

        CREATE TABLE offices (
            code TEXT PRIMARY KEY,
            region TEXT NOT NULL,
            name TEXT NOT NULL) WITHOUT ROWID;

        CREATE INDEX facts_summons_placed ON facts (json_extract(content, '$.summonsId')) WHERE type = 'summons.placed';
        """);

    public static readonly Migration Postgres = new(100, "api keys, offices, summons index", """
        CREATE TABLE api_keys (
            key_id text COLLATE "C" PRIMARY KEY,
            hash text COLLATE "C" NOT NULL UNIQUE,
            role text NOT NULL,
            office text,
            agency text,
            person_id text,
            name text,
            created_at timestamptz NOT NULL,
            revoked_at timestamptz);

        CREATE TABLE offices (
            code text COLLATE "C" PRIMARY KEY,
            region text NOT NULL,
            name text NOT NULL);

        CREATE INDEX facts_summons_placed ON facts (((content::jsonb) ->> 'summonsId')) WHERE type = 'summons.placed';
        """);
}
