namespace Grid.Contracts.Search;

[GenerateSerializer, Immutable, Alias("grid.SearchResponse")]
public sealed record SearchResponse(
    [property: Id(0)] Candidate[] Candidates,
    [property: Id(1)] Coverage Coverage,
    [property: Id(2)] SearchRefusal[] Refusals);
