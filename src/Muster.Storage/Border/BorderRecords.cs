using NodaTime;

namespace Muster.Storage.Border;

/// <summary>The server-managed snapshot keys as kept in the store (PEM texts); the server makes and reads them, the store only keeps them.</summary>
public sealed record BorderKeysRecord(string SigningKeyPem, string HashKeyPem, Instant CreatedAt);

/// <summary>One version of the offline list as served: its signed bytes and the digest of what it lists (to tell whether the list changed).</summary>
public sealed record StoredSnapshot(long Version, Instant IssuedAt, byte[] ContentsDigest, byte[] Bytes);

/// <summary>A document of a person whose status projection shows <c>travel.exit</c> in force.</summary>
public sealed record BannedDocument(string PersonId, string IssuingState, string Number);

/// <summary>A person whose status projection is due (its next change is at or before the instant asked about), and their version.</summary>
public sealed record DueStatus(string PersonId, long Version);

/// <summary>
/// What the status projection says about exit bans at an instant: the documents of the persons it
/// shows banned and whose status cannot have changed since it was evaluated, and the persons whose
/// status may have changed (due, not swept yet): those the caller must evaluate from their facts.
/// </summary>
public sealed record ExitBanProjection(IReadOnlyList<BannedDocument> Documents, IReadOnlyList<DueStatus> Due);
