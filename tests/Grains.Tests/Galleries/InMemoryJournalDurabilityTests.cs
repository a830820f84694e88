using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>The durability tests with shards journaled in memory (no blob round trips for shard data).</summary>
[Collection(InMemoryJournalGalleryClusterCollection.Name)]
public sealed class InMemoryJournalDurabilityTests(InMemoryJournalGalleryClusterFixture grid) : DurabilityTests(grid);
