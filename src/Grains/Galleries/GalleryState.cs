using Grid.Contracts.Galleries;

namespace Grid.Grains.Galleries;

[GenerateSerializer, Alias("grid.GalleryState")]
public sealed class GalleryState
{
    [Id(0)] public GalleryInfo? Info { get; set; }
}
