using Grid.Contracts.Galleries;

namespace Grid.Grains.Galleries;

[GenerateSerializer, Alias("grid.GalleryCatalogState")]
public sealed class GalleryCatalogState
{
    [Id(0)] public List<GalleryId> Galleries { get; set; } = [];
}
