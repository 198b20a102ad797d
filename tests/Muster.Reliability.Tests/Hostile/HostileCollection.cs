namespace Muster.Reliability.Tests.Hostile;

/// <summary>The hostile-input campaigns share one register on SQLite (the parsers are the same on both engines); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<SqliteApiServer>
{
    public const string Name = "hostile input";
}
