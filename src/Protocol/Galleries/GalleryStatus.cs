namespace Grid.Protocol.Galleries;

/// <summary>A gallery with its shards' counts.</summary>
public sealed record GalleryStatus(GalleryInfo Info, ShardStatus[] Shards)
{
    /// <summary>Templates over all shards.</summary>
    public long Templates => Shards.Sum(s => s.Templates);

    /// <summary>Subjects over all shards.</summary>
    public long Subjects => Shards.Sum(s => s.Subjects);
}
