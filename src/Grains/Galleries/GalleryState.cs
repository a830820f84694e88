using Grid.Contracts.Galleries;
using Grid.Grains.Security;

namespace Grid.Grains.Galleries;

[GenerateSerializer, Alias("grid.GalleryState")]
public sealed class GalleryState : ISealedState
{
    [Id(0)] public GalleryInfo? Info { get; set; }

    [Id(1)] public string Seal { get; set; } = string.Empty;
}
