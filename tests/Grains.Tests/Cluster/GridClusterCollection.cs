using Xunit;

namespace Grid.Grains.Tests.Cluster;

/// <summary>One cluster for all cluster tests: starting a silo costs seconds on this machine.</summary>
[CollectionDefinition(Name)]
public sealed class GridClusterCollection : ICollectionFixture<GridClusterFixture>
{
    public const string Name = "grid cluster";
}
