using NodaTime;

namespace Muster.Storage.Portal;

/// <summary>
/// A local sign-in account of the web portals. Only a salted, slow hash of the password is stored
/// (PasswordHash, in the format of the hasher that made it). Role is one of the API's roles; PersonId
/// scopes a citizen, Office a clerk.
/// </summary>
public sealed record PortalUserRecord(
    string Username,
    string PasswordHash,
    string Role,
    string? PersonId,
    string? Office,
    string? Name,
    Instant CreatedAt,
    Instant? DisabledAt);
