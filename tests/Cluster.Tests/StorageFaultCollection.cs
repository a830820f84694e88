using Xunit;

namespace Grid.Cluster.Tests;

/// <summary>The storage fault tests' own cluster (<see cref="StorageFaultFixture"/>), run on its own after the other
/// collections (never beside another cluster on a small machine), and started only when one of them runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StorageFaultCollection : ICollectionFixture<StorageFaultFixture>
{
    public const string Name = "storage faults";
}
