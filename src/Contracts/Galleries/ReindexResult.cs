namespace Grid.Contracts.Galleries;

/// <summary>What a re-index request did: how many shards began building <see cref="To"/> (0 when every shard
/// already uses it), and a message for the caller.</summary>
[GenerateSerializer, Immutable, Alias("grid.ReindexResult")]
public sealed record ReindexResult(
    [property: Id(0)] GalleryId Gallery,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] int ShardsStarted,
    [property: Id(4)] string Message);
