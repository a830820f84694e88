using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;

namespace Grid.Contracts.Search;

/// <summary>A 1:N search of one probe template, for a stated purpose. <see cref="Galleries"/> names the galleries
/// to search; empty means the caller's own galleries plus every partner gallery an active agreement covers for
/// this purpose, limited to the forces in <see cref="Partners"/> when it is given (id 7 held them as strings before
/// forces were typed; it is retired, not reused). The caller's force comes from its authenticated key, never from the request.</summary>
[GenerateSerializer, Immutable, Alias("grid.SearchRequest")]
public sealed record SearchRequest(
    [property: Id(0)] GalleryId[] Galleries,
    [property: Id(1)] float[] Probe,
    [property: Id(2)] string ModelId,
    [property: Id(3)] int K,
    [property: Id(4)] float MinScore,
    [property: Id(5)] TimeSpan Deadline,
    [property: Id(6)] SearchPurpose Purpose,
    [property: Id(8)] ForceId[]? Partners = null)
{
    public const int MaxK = 1000;
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);
}
