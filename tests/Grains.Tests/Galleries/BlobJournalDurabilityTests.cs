using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>The durability tests with shards journaled in Azurite (real storage).</summary>
[Collection(GalleryClusterCollection.Name)]
public sealed class BlobJournalDurabilityTests(GalleryClusterFixture grid) : DurabilityTests(grid);
