namespace Grid.Protocol.Search;

/// <summary>A candidate list for human review, the search's coverage and the galleries refused.</summary>
public sealed record SearchResponse(Candidate[] Candidates, Coverage Coverage, SearchRefusal[] Refusals);
