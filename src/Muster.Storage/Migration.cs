namespace Muster.Storage;

/// <summary>One versioned schema change. Versions are applied in order, each in its own transaction, and recorded in schema_migrations.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>What <c>muster db migrate</c> did: the version before and after, and the migrations applied.</summary>
public sealed record MigrationReport(int From, int To, IReadOnlyList<Migration> Applied);
