namespace Grid.Contracts.Galleries;

[GenerateSerializer, Immutable, Alias("grid.GalleryStatus")]
public sealed record GalleryStatus(
    [property: Id(0)] GalleryInfo Info,
    [property: Id(1)] ShardStatus[] Shards,
    [property: Id(2)] GalleryReindex? Reindex = null)
{
    /// <summary>The engines the shards answer with now: more than one while a re-index is part-way.</summary>
    public string[] Engines => [.. Shards.Select(s => s.Engine).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

    public long Templates => Shards.Sum(s => s.Templates);
    public long Subjects => Shards.Sum(s => s.Subjects);
}
