using Grid.Contracts.Identity;

namespace Grid.Contracts.Search;

/// <summary>
/// A possible match for an examiner to review — never an identification. <see cref="FalseMatchRate"/> is the
/// estimated share of different people who would score at least <see cref="Score"/> with this model
/// (Templates.ScoreCalibration); null where the model has no calibration.
/// </summary>
/// <remarks>Id 0 was the force as a string before forces were typed; it is retired, not reused.</remarks>
[GenerateSerializer, Immutable, Alias("grid.Candidate")]
public sealed record Candidate(
    [property: Id(5)] ForceId Force,
    [property: Id(1)] string Gallery,
    [property: Id(2)] string SubjectRef,
    [property: Id(3)] float Score,
    [property: Id(4)] int Rank,
    [property: Id(6)] double? FalseMatchRate = null);
