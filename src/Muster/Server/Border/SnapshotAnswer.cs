namespace Muster.Cli.Server.Border;

/// <summary>What a post gets when it asks for the list: the whole of it, what changed since its version, or nothing (it is current).</summary>
public enum SnapshotKind
{
    Full,
    Delta,
    Current,
}

/// <summary>
/// The answer to GET /api/border/snapshot[?since=V]: <paramref name="Version"/> is the latest version,
/// <paramref name="Base"/> the version a delta applies to, <paramref name="Bytes"/> the signed file (none when current).
/// </summary>
public sealed record SnapshotAnswer(SnapshotKind Kind, long Version, long? Base, byte[]? Bytes);
