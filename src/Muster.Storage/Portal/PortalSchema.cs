namespace Muster.Storage.Portal;

/// <summary>
/// Migration 300 of both engines, owned by the web portals: local sign-in accounts (salted password
/// hashes only) and an index for finding persons by family name. Numbered 300 so it never clashes
/// with the store's own migrations (1, 2, ...) or the API's (100).
/// </summary>
internal static class PortalSchema
{
    public static readonly Migration Sqlite = new(300, "portal users, persons by name", """
        CREATE TABLE portal_users (
            username TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            person_id TEXT,
            office TEXT,
            name TEXT,
            created_at INTEGER NOT NULL,
            disabled_at INTEGER) WITHOUT ROWID;

        CREATE INDEX persons_family_name ON persons (family_name, given_names);
        """);

    public static readonly Migration Postgres = new(300, "portal users, persons by name", """
        CREATE TABLE portal_users (
            username text COLLATE "C" PRIMARY KEY,
            password_hash text NOT NULL,
            role text NOT NULL,
            person_id text,
            office text,
            name text,
            created_at timestamptz NOT NULL,
            disabled_at timestamptz);

        CREATE INDEX persons_family_name ON persons ((family_name COLLATE "C"), (given_names COLLATE "C"));
        """);
}
