using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Templates;
using Grid.Protocol.Search;
using Xunit;
using Candidate = Grid.Contracts.Search.Candidate;

namespace Grid.Grains.Tests.Search;

/// <summary>The coordinator's annotation of candidates from the model's calibration (moved here with the grain-side helper).</summary>
public class CandidateCalibrationTests
{
    private const string Model = "fr_feature@87aacdfe5751";

    [Fact]
    public void Candidates_of_a_calibrated_model_get_their_rate_and_others_stay_without()
    {
        var calibration = ScoreCalibration.For(Model)!;
        Candidate[] candidates = [new(ForceId.Parse("NL"), "g", "S-1", 0.5f, 1), new(ForceId.Parse("NL"), "g", "S-2", 0.1f, 2)];

        var annotated = CandidateCalibration.Annotate(Model, candidates);
        var unknown = CandidateCalibration.Annotate("some-other-model@000000000000", candidates);

        Assert.Equal(calibration.Floor, annotated[0].FalseMatchRate);
        Assert.Equal(calibration.FalseMatchRate(0.1f), annotated[1].FalseMatchRate);
        Assert.True(annotated[1].FalseMatchRate > 0.1);
        Assert.All(unknown, c => Assert.Null(c.FalseMatchRate));
    }
}
