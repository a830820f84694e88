using Grid.Contracts.Galleries;

namespace Grid.Contracts.Search;

/// <summary>A 1:N search of one probe template over named galleries.</summary>
[GenerateSerializer, Immutable, Alias("grid.SearchRequest")]
public sealed record SearchRequest(
    [property: Id(0)] GalleryId[] Galleries,
    [property: Id(1)] float[] Probe,
    [property: Id(2)] string ModelId,
    [property: Id(3)] int K,
    [property: Id(4)] float MinScore,
    [property: Id(5)] TimeSpan Deadline)
{
    public const int MaxK = 1000;
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);
}
