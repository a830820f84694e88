using Grid.Contracts.Galleries;

namespace Grid.Contracts.Search;

/// <summary>A gallery the search named but may not see (no active agreement covering the purpose, quota
/// exhausted...). Refusals are reported, not hidden, so the examiner knows what was not searched.</summary>
[GenerateSerializer, Immutable, Alias("grid.SearchRefusal")]
public sealed record SearchRefusal([property: Id(0)] GalleryId Gallery, [property: Id(1)] string Reason);
