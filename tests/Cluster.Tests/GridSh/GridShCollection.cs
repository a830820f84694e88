using Xunit;

namespace Grid.Cluster.Tests.GridSh;

/// <summary>Runs alone, after the parallel collections: its grid must not start beside the three-silo cluster on 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GridShCollection
{
    public const string Name = "grid.sh on free ports";
}
