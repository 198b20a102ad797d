namespace Muster.Portal.Tests;

/// <summary>Every browser test shares one demo server and one Chromium (starting them is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<Browser>
{
    public const string Name = "portals";
}
