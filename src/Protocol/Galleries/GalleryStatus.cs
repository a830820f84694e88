namespace Grid.Protocol.Galleries;

/// <summary>A gallery with its shards' counts and engines; <see cref="Reindex"/> while a re-index is under way.</summary>
public sealed record GalleryStatus(GalleryInfo Info, ShardStatus[] Shards, GalleryReindex? Reindex = null)
{
    /// <summary>The engines the shards serve with now: more than one while a re-index is part-way.</summary>
    public string[] Engines => [.. Shards.Select(s => s.Engine).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Templates over all shards.</summary>
    public long Templates => Shards.Sum(s => s.Templates);

    /// <summary>Subjects over all shards.</summary>
    public long Subjects => Shards.Sum(s => s.Subjects);
}
