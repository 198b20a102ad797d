using System.Data.Common;
using Muster.Storage.Api;
using Muster.Storage.Audit;
using Muster.Storage.Postgres;
using NodaTime;
using Npgsql;

namespace Muster.Storage.Portal;

/// <summary>The portal directory in the store's PostgreSQL database, through its own pooled data source.</summary>
internal sealed class PostgresPortalDirectory : IPortalDirectory
{
    private const string Engine = "postgres";
    private const string UserColumns = "username, password_hash, role, person_id, office, name, created_at, disabled_at";
    private readonly NpgsqlDataSource _source;

    private PostgresPortalDirectory(NpgsqlDataSource source) => _source = source;

    public static async Task<PostgresPortalDirectory> OpenAsync(string connectionString, CancellationToken cancellationToken) =>
        new PostgresPortalDirectory(await PostgresPositional.OpenAsync(connectionString, PortalSchema.Postgres, "portal", cancellationToken));

    public Task SaveUserAsync(PortalUserRecord user, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO portal_users (username, password_hash, role, person_id, office, name, created_at, disabled_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, person_id = excluded.person_id,
                office = excluded.office, name = excluded.name, disabled_at = excluded.disabled_at
            """,
            cancellationToken, user.Username, user.PasswordHash, user.Role, user.PersonId, user.Office, user.Name, user.CreatedAt.ToDateTimeUtc(), user.DisabledAt?.ToDateTimeUtc());

    public async Task<PortalUserRecord?> FindUserAsync(string username, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {UserColumns} FROM portal_users WHERE username = $1", ReadUser, cancellationToken, username)).FirstOrDefault();

    public async Task<IReadOnlyList<PortalUserRecord>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {UserColumns} FROM portal_users ORDER BY role, username", ReadUser, cancellationToken);

    public async Task<IReadOnlyList<PersonSummary>> FindByNameAsync(string familyPrefix, string? givenPrefix, string? region, int limit, CancellationToken cancellationToken = default) =>
        await QueryAsync("""
            SELECT p.person_id, p.national_id, p.family_name, p.given_names, p.patronymic, p.birth_date, p.region, coalesce(s.version, 0)
            FROM persons p LEFT JOIN status s ON s.person_id = p.person_id
            WHERE (p.family_name COLLATE "C") >= $1 AND (p.family_name COLLATE "C") < $2
              AND ($3::text IS NULL OR ((p.given_names COLLATE "C") >= $3::text AND (p.given_names COLLATE "C") < $4::text))
              AND ($5::text IS NULL OR p.region = $5::text)
            ORDER BY (p.family_name COLLATE "C"), (p.given_names COLLATE "C"), p.person_id LIMIT $6
            """,
            r => new PersonSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(5)), r.GetString(6), r.GetInt64(7)),
            cancellationToken, familyPrefix, PortalDirectory.UpperBound(familyPrefix), givenPrefix, givenPrefix is null ? null : PortalDirectory.UpperBound(givenPrefix), region, limit);

    public async Task<IReadOnlyList<AccessRecord>> RecentAccessAsync(int limit, CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT seq, content FROM access_log ORDER BY seq DESC LIMIT $1", r => AccessContent.Parse(r.GetInt64(0), r.GetString(1)), cancellationToken, limit);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        RegisterDirectory.Guard(Engine, () => PostgresPositional.ExecuteAsync(_source, sql, cancellationToken, values));

    private Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object?[] values) =>
        RegisterDirectory.Guard(Engine, () => PostgresPositional.QueryAsync(_source, sql, read, cancellationToken, values));

    private static PortalUserRecord ReadUser(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Text(r, 3), Text(r, 4), Text(r, 5),
        Instant.FromDateTimeUtc(r.GetFieldValue<DateTime>(6)), r.IsDBNull(7) ? null : Instant.FromDateTimeUtc(r.GetFieldValue<DateTime>(7)));

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
