using Grid.Protocol.Search;

namespace Grid.Contracts.Templates;

/// <summary>Candidates annotated from the model's score calibration (<see cref="ScoreCalibration"/>, shared with clients).</summary>
public static class CandidateCalibration
{
    /// <summary>Candidates with <see cref="Search.Candidate.FalseMatchRate"/> filled from the model's calibration (unchanged when there is none).</summary>
    public static Search.Candidate[] Annotate(string modelId, Search.Candidate[] candidates) =>
        ScoreCalibration.For(modelId) is { } calibration
            ? candidates.Select(c => c with { FalseMatchRate = calibration.FalseMatchRate(c.Score) }).ToArray()
            : candidates;
}
