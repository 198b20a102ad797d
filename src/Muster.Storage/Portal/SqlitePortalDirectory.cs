using Microsoft.Data.Sqlite;
using Muster.Storage.Api;
using Muster.Storage.Audit;
using Muster.Storage.Sqlite;
using NodaTime;
using NodaTime.Text;
using static Muster.Storage.Sqlite.SqlitePositional;

namespace Muster.Storage.Portal;

/// <summary>The portal directory in the store's SQLite file: short pooled connections beside the store's writer (WAL).</summary>
internal sealed class SqlitePortalDirectory : IPortalDirectory
{
    private const string Engine = "sqlite";
    private const string UserColumns = "username, password_hash, role, person_id, office, name, created_at, disabled_at";
    private readonly string _connectionString;

    private SqlitePortalDirectory(string connectionString) => _connectionString = connectionString;

    public static SqlitePortalDirectory Open(string path) => new(PooledConnectionString(path));

    public Task SaveUserAsync(PortalUserRecord user, CancellationToken cancellationToken = default) =>
        Run(c => Execute(c, """
            INSERT INTO portal_users (username, password_hash, role, person_id, office, name, created_at, disabled_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, person_id = excluded.person_id,
                office = excluded.office, name = excluded.name, disabled_at = excluded.disabled_at
            """,
            user.Username, user.PasswordHash, user.Role, user.PersonId, user.Office, user.Name, SqliteCommands.Ticks(user.CreatedAt),
            user.DisabledAt is { } d ? SqliteCommands.Ticks(d) : null));

    public Task<PortalUserRecord?> FindUserAsync(string username, CancellationToken cancellationToken = default) =>
        Run(c => Query(c, $"SELECT {UserColumns} FROM portal_users WHERE username = $1", ReadUser, username).FirstOrDefault());

    public Task<IReadOnlyList<PortalUserRecord>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<PortalUserRecord>>(c => Query(c, $"SELECT {UserColumns} FROM portal_users ORDER BY role, username", ReadUser));

    public Task<IReadOnlyList<PersonSummary>> FindByNameAsync(string familyPrefix, string? givenPrefix, string? region, int limit, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<PersonSummary>>(c => Query(c, """
            SELECT p.person_id, p.national_id, p.family_name, p.given_names, p.patronymic, p.birth_date, p.region, coalesce(s.version, 0)
            FROM persons p LEFT JOIN status s ON s.person_id = p.person_id
            WHERE p.family_name >= $1 AND p.family_name < $2
              AND ($3 IS NULL OR (p.given_names >= $3 AND p.given_names < $4))
              AND ($5 IS NULL OR p.region = $5)
            ORDER BY p.family_name, p.given_names, p.person_id LIMIT $6
            """,
            r => new PersonSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                LocalDatePattern.Iso.Parse(r.GetString(5)).GetValueOrThrow(), r.GetString(6), r.GetInt64(7)),
            familyPrefix, PortalDirectory.UpperBound(familyPrefix), givenPrefix, givenPrefix is null ? null : PortalDirectory.UpperBound(givenPrefix), region, limit));

    public Task<IReadOnlyList<AccessRecord>> RecentAccessAsync(int limit, CancellationToken cancellationToken = default) =>
        Run<IReadOnlyList<AccessRecord>>(c => Query(c, "SELECT seq, content FROM access_log ORDER BY seq DESC LIMIT $1",
            r => AccessContent.Parse(r.GetInt64(0), r.GetString(1)), limit));

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private Task<T> Run<T>(Func<SqliteConnection, T> operation) => SqlitePositional.Run(_connectionString, operation);

    private Task Run(Func<SqliteConnection, int> operation) => Run<int>(operation);

    private static PortalUserRecord ReadUser(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Text(r, 3), Text(r, 4), Text(r, 5),
        SqliteCommands.Instant(r.GetInt64(6)), r.IsDBNull(7) ? null : SqliteCommands.Instant(r.GetInt64(7)));

    private static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
