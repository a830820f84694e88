namespace Grid.Protocol.Search;

/// <summary>A candidate list for human review, the search's coverage and the galleries refused. <see cref="SearchId"/>
/// names the review case the search opened at the requester (<c>GET /v1/forces/{force}/cases/{searchId}</c>); null
/// when no case was opened.</summary>
public sealed record SearchResponse(Candidate[] Candidates, Coverage Coverage, SearchRefusal[] Refusals, string? SearchId = null);
