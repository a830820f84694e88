using Grid.Contracts.Search;
using Grid.Contracts.Sharing;

namespace Grid.Contracts.Review;

/// <summary>What the search coordinator hands the requester's case once the reply is assembled (silo-internal).</summary>
[GenerateSerializer, Immutable, Alias("grid.case-opening")]
public sealed record CaseOpening(
    [property: Id(0)] string SearchId,
    [property: Id(1)] SearchPurpose Purpose,
    [property: Id(2)] string ModelId,
    [property: Id(3)] string ProbeFingerprint,
    [property: Id(4)] Candidate[] Candidates,
    [property: Id(5)] Coverage Coverage,
    [property: Id(6)] SearchRefusal[] Refusals);
