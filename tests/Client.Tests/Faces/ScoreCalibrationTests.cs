using Grid.Contracts.Identity;
using Grid.Contracts.Search;
using Grid.Contracts.Templates;

namespace Grid.Client.Tests.Faces;

/// <summary>Scores as false-match rates: the committed table of the shipped model and the arithmetic on it.</summary>
public class ScoreCalibrationTests
{
    private const string Model = "fr_feature@87aacdfe5751";

    private static ScoreCalibration Calibration => ScoreCalibration.For(Model)!;

    [Fact]
    public void The_shipped_model_has_a_calibration_backed_by_its_impostor_pairs()
    {
        Assert.NotNull(ScoreCalibration.For(Model));
        Assert.Null(ScoreCalibration.For("some-other-model@000000000000"));
        Assert.True(Calibration.ImpostorPairs > 20_000);
        // The floor rests on three impostor pairs (rule of three), not one.
        Assert.Equal(3.0 / Calibration.ImpostorPairs, Calibration.Floor, 9);
    }

    [Fact]
    public void Higher_scores_never_have_higher_false_match_rates()
    {
        var previous = double.MaxValue;
        for (var score = -1f; score <= 1f; score += 0.01f)
        {
            var rate = Calibration.FalseMatchRate(score);
            Assert.True(rate <= previous && rate > 0, $"{score}: {rate} after {previous}");
            previous = rate;
        }
    }

    [Fact]
    public void The_threshold_for_a_rate_gives_that_rate_back()
    {
        foreach (var rate in new[] { 0.1, 0.01, 0.001 })
            Assert.Equal(rate, Calibration.FalseMatchRate(Calibration.ScoreAt(rate)), rate * 0.01);
        // Measured: an impostor reaches 0.32 about once in a thousand pairs (docs/FACES.md).
        Assert.InRange(Calibration.ScoreAt(0.001), 0.30f, 0.34f);
    }

    [Fact]
    public void Scores_beyond_the_measured_range_are_stated_as_a_bound()
    {
        Assert.True(Calibration.IsBelowFloor(0.7f));
        Assert.StartsWith("< 1 in ", Calibration.Describe(0.7f));
        Assert.Equal(Calibration.Floor, Calibration.FalseMatchRate(0.9f));
        Assert.True(ScoreCalibration.IsFloorRate(Calibration.FalseMatchRate(0.9f)));
        Assert.False(Calibration.IsBelowFloor(0.2f));
        Assert.DoesNotContain("<", Calibration.Describe(0.2f));
    }

    [Theory]
    [InlineData(0.001, "1 in 1,000")]
    [InlineData(0.000102, "1 in 9,800")]
    [InlineData(0.3052, "1 in 3.3")]
    [InlineData(1.0, "1 in 1")]
    public void Rates_read_as_one_in_n(double rate, string text)
    {
        Assert.Equal(text, ScoreCalibration.OneIn(rate));
    }

    [Fact]
    public void Candidates_of_a_calibrated_model_get_their_rate_and_others_stay_without()
    {
        Candidate[] candidates = [new(ForceId.Parse("NL"), "g", "S-1", 0.5f, 1), new(ForceId.Parse("NL"), "g", "S-2", 0.1f, 2)];

        var annotated = ScoreCalibration.Annotate(Model, candidates);
        var unknown = ScoreCalibration.Annotate("some-other-model@000000000000", candidates);

        Assert.Equal(Calibration.Floor, annotated[0].FalseMatchRate);
        Assert.Equal(Calibration.FalseMatchRate(0.1f), annotated[1].FalseMatchRate);
        Assert.True(annotated[1].FalseMatchRate > 0.1);
        Assert.All(unknown, c => Assert.Null(c.FalseMatchRate));
    }
}
