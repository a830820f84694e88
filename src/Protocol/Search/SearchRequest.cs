using Grid.Protocol.Galleries;

namespace Grid.Protocol.Search;

/// <summary>A 1:N search of one probe template for a stated purpose. Empty <see cref="Galleries"/>: the caller's own galleries
/// plus every partner gallery an active agreement covers for the purpose, limited to <see cref="Partners"/> when given.
/// The caller's force comes from its key, never from the request.</summary>
/// <param name="Galleries">Galleries to search (at most the grid's per-search limit).</param>
/// <param name="Probe">The probe template: 512 finite floats (normalised by the grid).</param>
/// <param name="ModelId">The face model that made the probe; must match each gallery's.</param>
/// <param name="K">Candidates wanted, 1 to <see cref="MaxK"/>.</param>
/// <param name="MinScore">Drop candidates below this cosine similarity (-1 to 1).</param>
/// <param name="DeadlineMs">Shards that have not answered by then are reported, not waited for (1 to <see cref="MaxDeadlineMs"/>).</param>
/// <param name="Purpose">Why the search is made.</param>
/// <param name="Partners">Limits the default scope to these partner forces; empty: own galleries only.</param>
public sealed record SearchRequest(
    GalleryId[]? Galleries,
    float[] Probe,
    SearchPurpose Purpose,
    string ModelId = GalleryConfig.UnspecifiedModel,
    int K = 10,
    float MinScore = -1f,
    int DeadlineMs = SearchRequest.DefaultDeadlineMs,
    string[]? Partners = null)
{
    /// <summary>Largest k.</summary>
    public const int MaxK = 1000;

    /// <summary>Default deadline, 10 s.</summary>
    public const int DefaultDeadlineMs = 10_000;

    /// <summary>Longest deadline, 60 s.</summary>
    public const int MaxDeadlineMs = 60_000;
}
