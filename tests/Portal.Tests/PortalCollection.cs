namespace Grid.Portal.Tests;

/// <summary>Every portal test shares one grid, one portal and one browser, one test after another.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalGrid>
{
    public const string Name = "portal over a live grid";
}
