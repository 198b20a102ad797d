using NodaTime;

namespace Muster.Storage.Api;

/// <summary>
/// An API key as stored: never the key itself, only its SHA-256 hash (hex). Role is one of admin,
/// clerk, border, agency, citizen, auditor; Office, Agency and PersonId scope clerk, agency and
/// citizen keys.
/// </summary>
public sealed record ApiKeyRecord(
    string KeyId,
    string Role,
    string? Office,
    string? Agency,
    string? PersonId,
    string? Name,
    Instant CreatedAt,
    Instant? RevokedAt);
