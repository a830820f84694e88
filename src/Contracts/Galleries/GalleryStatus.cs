namespace Grid.Contracts.Galleries;

[GenerateSerializer, Immutable, Alias("grid.GalleryStatus")]
public sealed record GalleryStatus(
    [property: Id(0)] GalleryInfo Info,
    [property: Id(1)] ShardStatus[] Shards)
{
    public long Templates => Shards.Sum(s => s.Templates);
    public long Subjects => Shards.Sum(s => s.Subjects);
}
