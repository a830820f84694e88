namespace Grid.Protocol.Search;

/// <summary>A possible match for an examiner to review — never an identification. <see cref="FalseMatchRate"/> is the
/// estimated share of different people who would score at least <see cref="Score"/> with this model
/// (<see cref="ScoreCalibration"/>); null where the model has no calibration.</summary>
public sealed record Candidate(string Force, string Gallery, string SubjectRef, float Score, int Rank, double? FalseMatchRate = null);
