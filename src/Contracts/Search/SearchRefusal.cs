using Grid.Contracts.Galleries;
using Grid.Contracts.Sharing;

namespace Grid.Contracts.Search;

/// <summary>A gallery the search named but may not see (no active agreement covering the purpose, quota
/// exhausted...). Refusals are reported, not hidden, so the examiner knows what was not searched.
/// <see cref="Reason"/> is the typed cause (its stable code: <see cref="RefusalReasonCodes.Code"/>);
/// <see cref="Message"/> says it for people.</summary>
[GenerateSerializer, Immutable, Alias("grid.SearchRefusal")]
public sealed record SearchRefusal(
    [property: Id(0)] GalleryId Gallery,
    [property: Id(2)] RefusalReason Reason,
    [property: Id(1)] string Message);
