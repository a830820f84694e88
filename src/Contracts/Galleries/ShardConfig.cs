namespace Grid.Contracts.Galleries;

/// <summary>What a shard needs to know about itself; written by the gallery at creation and kept in the
/// shard's own manifest so the shard can activate without calling back into its gallery.</summary>
[GenerateSerializer, Immutable, Alias("grid.ShardConfig")]
public sealed record ShardConfig(
    [property: Id(0)] GalleryId Gallery,
    [property: Id(1)] int Index,
    [property: Id(2)] string Engine,
    [property: Id(3)] string ModelId)
{
    public string Key => ShardKeys.For(Gallery, Index);
}
