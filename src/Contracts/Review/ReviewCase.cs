using System.Collections.Immutable;
using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Sharing;

namespace Grid.Contracts.Review;

/// <summary>
/// The requester's record of one search, for human review [grain key FORCE/searchId]. It never holds the probe
/// template: only <see cref="ProbeFingerprint"/> (SHA-256 of the template's bytes), so the examiner can tie the
/// case to the probe kept at their own site (Prüm II Art 50: the requester's template is not kept after the reply).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.review-case")]
public sealed record ReviewCase(
    [property: Id(0)] string SearchId,
    [property: Id(1)] ForceId Force,
    [property: Id(2)] string SearchedBy,
    [property: Id(3)] SearchPurpose Purpose,
    [property: Id(4)] string ModelId,
    [property: Id(5)] string ProbeFingerprint,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] Coverage Coverage,
    [property: Id(8)] ImmutableArray<SearchRefusal> Refusals,
    [property: Id(9)] ImmutableArray<CaseCandidate> Candidates)
{
    public int Undecided => Candidates.IsDefault ? 0 : Candidates.Count(c => c.IsUndecided);
}
