using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>The gallery cluster whose shards journal in memory; its tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class InMemoryJournalGalleryClusterCollection : ICollectionFixture<InMemoryJournalGalleryClusterFixture>
{
    public const string Name = "gallery cluster with in-memory shard journals";
}
