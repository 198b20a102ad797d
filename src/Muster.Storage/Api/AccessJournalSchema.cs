namespace Muster.Storage.Api;

/// <summary>
/// Migration 500 of both engines: how far each node's access journal has been moved into the access
/// log. The row is written in the same transaction as the moved records, so a node that dies between
/// the two never moves a record twice (src/Muster/Server/Register/AccessJournal.cs). Numbered 500 after
/// the API's (100), propagation's (200), the portals' (300) and the border's (400).
/// </summary>
internal static class AccessJournalSchema
{
    public static readonly Migration Sqlite = new(500, "access journals: how far each is moved into the access log", """
        CREATE TABLE access_journals (
            name TEXT PRIMARY KEY,
            moved_through INTEGER NOT NULL) WITHOUT ROWID;
        """);

    public static readonly Migration Postgres = new(500, "access journals: how far each is moved into the access log", """
        CREATE TABLE access_journals (
            name text COLLATE "C" PRIMARY KEY,
            moved_through bigint NOT NULL);
        """);
}
