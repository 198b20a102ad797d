namespace Muster.Reliability.Tests.Access;

/// <summary>The access checks that need no server of their own share one register on SQLite (keys of every role, p-own, p-other); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AccessCollection : ICollectionFixture<SqliteApiServer>
{
    public const string Name = "access";
}
