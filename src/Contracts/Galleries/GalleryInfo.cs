namespace Grid.Contracts.Galleries;

[GenerateSerializer, Immutable, Alias("grid.GalleryInfo")]
public sealed record GalleryInfo(
    [property: Id(0)] GalleryId Id,
    [property: Id(1)] GalleryConfig Config,
    [property: Id(2)] DateTimeOffset CreatedAt);
