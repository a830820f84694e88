using Grid.Contracts.Identity;

namespace Grid.Contracts.Search;

/// <summary>A possible match for an examiner to review — never an identification.</summary>
/// <remarks>Id 0 was the force as a string before forces were typed; it is retired, not reused.</remarks>
[GenerateSerializer, Immutable, Alias("grid.Candidate")]
public sealed record Candidate(
    [property: Id(5)] ForceId Force,
    [property: Id(1)] string Gallery,
    [property: Id(2)] string SubjectRef,
    [property: Id(3)] float Score,
    [property: Id(4)] int Rank);
