using Grid.Faces.Quality;

namespace Grid.Faces.Tests.Quality;

public sealed class FaceQualityAssessorTests
{
    private static readonly FaceQualityMeasures Good = new(Sharpness: 200, YawDegrees: 5, PitchDegrees: -3, RollDegrees: 8,
        Brightness: 120, Contrast: 40, ClippedShare: 0, DetectionScore: 0.999f, LandmarkFitError: 2, LowerFaceContrastRatio: 0.6f);

    [Fact]
    public void A_large_sharp_frontal_well_lit_face_scores_100()
    {
        var components = FaceQualityAssessor.Components(60, Good);
        Assert.Equal(new FaceQualityComponents(100, 100, 100, 100, 100), components);
        Assert.Equal(100, FaceQualityAssessor.Combine(components));
    }

    [Fact]
    public void Each_weakness_lowers_its_own_component()
    {
        Assert.True(FaceQualityAssessor.Components(15, Good).Size < 50);
        Assert.True(FaceQualityAssessor.Components(60, Good with { Sharpness = 10 }).Sharpness == 0);
        Assert.True(FaceQualityAssessor.Components(60, Good with { YawDegrees = -55 }).Pose < 20);
        Assert.True(FaceQualityAssessor.Components(60, Good with { Brightness = 25 }).Illumination < 20);
        Assert.True(FaceQualityAssessor.Components(60, Good with { Contrast = 6 }).Illumination == 0);
        Assert.True(FaceQualityAssessor.Components(60, Good with { DetectionScore = 0.92f }).Occlusion < 30);
        Assert.True(FaceQualityAssessor.Components(60, Good with { LowerFaceContrastRatio = 0.05f }).Occlusion == 0);
    }

    [Fact]
    public void One_failed_component_pulls_the_score_under_the_default_floor_of_the_client()
    {
        // The client's floor is 25 (FaceSelection.DefaultMinQuality); a face with nothing usable in one respect is refused.
        var blurred = FaceQualityAssessor.Components(60, Good with { Sharpness = 5 });
        Assert.True(FaceQualityAssessor.Combine(blurred) < 40);
        var twoBad = FaceQualityAssessor.Components(60, Good with { Sharpness = 5, Contrast = 5 });
        Assert.True(FaceQualityAssessor.Combine(twoBad) < 25);
    }
}
