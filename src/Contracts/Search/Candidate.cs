namespace Grid.Contracts.Search;

/// <summary>A possible match for an examiner to review — never an identification.</summary>
[GenerateSerializer, Immutable, Alias("grid.Candidate")]
public sealed record Candidate(
    [property: Id(0)] string Force,
    [property: Id(1)] string Gallery,
    [property: Id(2)] string SubjectRef,
    [property: Id(3)] float Score,
    [property: Id(4)] int Rank);
