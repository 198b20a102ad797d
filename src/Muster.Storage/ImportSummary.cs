namespace Muster.Storage;

/// <summary>A line an import refused, and why.</summary>
public sealed record ImportRejection(long LineNumber, string Reason);

/// <summary>What an import did: lines read, facts stored, facts already present, lines refused.</summary>
public sealed record ImportSummary(long Read, long Stored, long AlreadyPresent, IReadOnlyList<ImportRejection> Rejected);

/// <summary>Reported after each committed batch.</summary>
public readonly record struct ImportProgress(long Read, long Stored, long AlreadyPresent, long Rejected);
