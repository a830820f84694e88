using Grid.Contracts.Galleries;
using Grid.Grains.Security;

namespace Grid.Grains.Galleries;

[GenerateSerializer, Alias("grid.GalleryState")]
public sealed class GalleryState : ISealedState
{
    [Id(0)] public GalleryInfo? Info { get; set; }

    [Id(1)] public string Seal { get; set; } = string.Empty;

    /// <summary>A re-index asked for and not yet seen finished on every shard. Left out of JSON while null, so the
    /// seal of a gallery stored before re-indexing existed still verifies.</summary>
    [Id(2), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public GalleryReindex? Reindex { get; set; }
}
