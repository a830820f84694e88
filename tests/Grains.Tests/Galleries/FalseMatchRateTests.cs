using Grid.Contracts.Galleries;
using Grid.Contracts.Templates;
using Grid.Grains.Tests.Support;
using Grid.Protocol.Search;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>The coordinator puts the model's estimated false-match rate beside each candidate's score.</summary>
[Collection(GalleryClusterCollection.Name)]
public sealed class FalseMatchRateTests(GalleryClusterFixture grid)
{
    private const string CalibratedModel = "fr_feature@87aacdfe5751";

    [Fact]
    public async Task Candidates_of_a_calibrated_model_carry_the_rate_of_their_score()
    {
        var id = new GalleryId("NL-KLPD", "fmr-calibrated");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 2, model: CalibratedModel));
        var vectors = Vectors.Unit(20, seed: 7001);
        await grid.EnrolAsync(id, Enumerable.Range(0, 20).Select(i => $"S-{i:D2}").ToArray(), vectors, CalibratedModel);
        var probe = Vectors.Near(Vectors.Row(vectors, 3), noise: 0.3f, seed: 7002);

        var response = await grid.SearchAsync([id], probe, 5, model: CalibratedModel);

        var calibration = ScoreCalibration.For(CalibratedModel)!;
        Assert.Equal("S-03", response.Candidates[0].SubjectRef);
        Assert.All(response.Candidates, c => Assert.Equal(calibration.FalseMatchRate(c.Score), c.FalseMatchRate));
        Assert.True(response.Candidates[0].FalseMatchRate <= response.Candidates[^1].FalseMatchRate);
    }

    [Fact]
    public async Task Candidates_of_a_model_without_a_calibration_carry_none()
    {
        var id = new GalleryId("NL-KLPD", "fmr-uncalibrated");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 1));
        var vectors = Vectors.Unit(5, seed: 7003);
        await grid.EnrolAsync(id, Enumerable.Range(0, 5).Select(i => $"S-{i}").ToArray(), vectors);

        var response = await grid.SearchAsync(id, Vectors.Row(vectors, 0), 3);

        Assert.NotEmpty(response.Candidates);
        Assert.All(response.Candidates, c => Assert.Null(c.FalseMatchRate));
    }
}
