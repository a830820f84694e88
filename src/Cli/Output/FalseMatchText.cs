using Grid.Contracts.Search;
using Grid.Contracts.Templates;

namespace Grid.Cli.Output;

/// <summary>A candidate's false-match rate as an examiner reads it: "1 in 2,300", "&lt; 1 in 9,800" beyond the measured range.</summary>
public static class FalseMatchText
{
    public static string Of(Candidate candidate) => candidate.FalseMatchRate is { } rate
        ? (ScoreCalibration.IsFloorRate(rate) ? "< " : "") + ScoreCalibration.OneIn(rate)
        : "—";
}
