namespace Grid.Contracts.Search;

/// <summary>The reply to a search. <see cref="SearchId"/> names the review case the search opened at the requester
/// (<c>IReviewCaseGrain</c> key <c>FORCE/searchId</c>); null for evaluation searches, which open none, and when
/// the case could not be opened (the search still answers; run it again to review it).</summary>
[GenerateSerializer, Immutable, Alias("grid.SearchResponse")]
public sealed record SearchResponse(
    [property: Id(0)] Candidate[] Candidates,
    [property: Id(1)] Coverage Coverage,
    [property: Id(2)] SearchRefusal[] Refusals,
    [property: Id(3)] string? SearchId = null);
