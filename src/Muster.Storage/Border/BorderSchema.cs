namespace Muster.Storage.Border;

/// <summary>
/// Migration 400 of both engines, owned by border control: an index for finding persons by birth
/// date (matching an MRZ by name when its document is not on the register), a partial index of the
/// status rows with <c>travel.exit</c> in force (the offline list is built from it, so its cost
/// follows the number of banned persons, not of persons), the server-managed snapshot keys (one row,
/// so every node of a deployment signs with the same key) and the last snapshot versions (to answer
/// "what changed since version V"). Numbered 400 so it never clashes with the store's own
/// migrations (1, 2, ...), the API's (100), propagation's (200) or the portals' (300).
/// <para>The status projection keeps the codes in force as sorted, comma-separated text; the
/// expression <c>',' || in_force || ','</c> containing <c>',travel.exit,'</c> finds the exact code
/// (never a longer code that starts with it). Queries repeat the expression verbatim so the planner
/// uses the partial index.</para>
/// </summary>
internal static class BorderSchema
{
    /// <summary>The condition of the partial index; SQLite spells it with instr, PostgreSQL with strpos.</summary>
    public const string SqliteExitBanned = "instr(',' || in_force || ',', ',travel.exit,') > 0";

    public const string PostgresExitBanned = "strpos(',' || in_force || ',', ',travel.exit,') > 0";

    public static readonly Migration Sqlite = new(400, "border: persons by birth date, exit-banned status, snapshot keys and versions", $"""
        CREATE INDEX persons_birth_date ON persons (birth_date);

        CREATE INDEX status_exit_banned ON status (person_id) WHERE {SqliteExitBanned};

        CREATE TABLE border_keys (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            signing_key TEXT NOT NULL,
            hash_key TEXT NOT NULL,
            created_at INTEGER NOT NULL);

        CREATE TABLE border_snapshots (
            version INTEGER PRIMARY KEY,
            issued_at INTEGER NOT NULL,
            contents_digest BLOB NOT NULL,
            snapshot BLOB NOT NULL);
        """);

    public static readonly Migration Postgres = new(400, "border: persons by birth date, exit-banned status, snapshot keys and versions", $"""
        CREATE INDEX persons_birth_date ON persons (birth_date);

        CREATE INDEX status_exit_banned ON status (person_id) WHERE {PostgresExitBanned};

        CREATE TABLE border_keys (
            id integer PRIMARY KEY CHECK (id = 1),
            signing_key text NOT NULL,
            hash_key text NOT NULL,
            created_at timestamptz NOT NULL);

        CREATE TABLE border_snapshots (
            version bigint PRIMARY KEY,
            issued_at timestamptz NOT NULL,
            contents_digest bytea NOT NULL,
            snapshot bytea NOT NULL);
        """);
}
