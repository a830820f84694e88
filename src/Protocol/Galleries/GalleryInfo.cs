namespace Grid.Protocol.Galleries;

/// <summary>A gallery's identity, configuration and creation time.</summary>
public sealed record GalleryInfo(GalleryId Id, GalleryConfig Config, DateTimeOffset CreatedAt);
