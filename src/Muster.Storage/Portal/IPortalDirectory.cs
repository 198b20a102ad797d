namespace Muster.Storage.Portal;

/// <summary>
/// What the web portals keep and look up beside the fact log: local accounts, persons by name, and
/// the latest entries of the access log. Open one with <see cref="PortalDirectory.OpenAsync"/> on the
/// same connection text as the store. Driver errors become <see cref="StoreException"/>.
/// </summary>
public interface IPortalDirectory : IAsyncDisposable
{
    /// <summary>Adds an account, or replaces the one of the same username (a new password, role or scope).</summary>
    Task SaveUserAsync(PortalUserRecord user, CancellationToken cancellationToken = default);

    Task<PortalUserRecord?> FindUserAsync(string username, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PortalUserRecord>> ListUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Persons whose family name starts with <paramref name="familyPrefix"/> (exactly, as written in the
    /// register) and, when given, whose given names start with <paramref name="givenPrefix"/>; in
    /// <paramref name="region"/> only when it is given. At most <paramref name="limit"/>, by name.
    /// </summary>
    Task<IReadOnlyList<PersonSummary>> FindByNameAsync(string familyPrefix, string? givenPrefix, string? region, int limit, CancellationToken cancellationToken = default);

    /// <summary>The latest <paramref name="limit"/> entries of the access log, newest first.</summary>
    Task<IReadOnlyList<AccessRecord>> RecentAccessAsync(int limit, CancellationToken cancellationToken = default);
}
