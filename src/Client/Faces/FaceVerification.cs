namespace Grid.Client.Faces;

/// <summary>
/// The answer of a 1:1 verification: the two faces compared, their cosine <see cref="Score"/>, the estimated false-match
/// rate at that score (<see cref="FalseMatchRate"/>, with <see cref="FalseMatchRateIsBound"/> when the score is beyond the
/// measured range), and whether it reaches the threshold of <see cref="DecisionFalseMatchRate"/>. A decision aid for a trained
/// examiner, not an identification.
/// </summary>
public sealed record FaceVerification(
    ImageProbe Face1,
    ImageProbe Face2,
    float Score,
    double? FalseMatchRate,
    bool FalseMatchRateIsBound,
    string FalseMatchText,
    double DecisionFalseMatchRate,
    float DecisionThreshold,
    bool SamePerson);
