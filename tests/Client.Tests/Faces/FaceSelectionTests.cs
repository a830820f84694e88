using Grid.Client.Faces;
using Grid.Client.Tests.Support;

namespace Grid.Client.Tests.Faces;

public class FaceSelectionTests
{
    private static readonly Grid.Faces.Pipeline.DetectedFace Near = Support.Faces.Make(10, 20, 150, 48, 0.998f, axis: 0);
    private static readonly Grid.Faces.Pipeline.DetectedFace Far = Support.Faces.Make(300, 40, 90, 25, 0.951f, axis: 1);

    [Fact]
    public void A_probe_with_several_faces_and_no_index_is_refused_listing_every_face()
    {
        var verdict = FaceSelection.ForProbe([Near, Far], faceIndex: null);

        Assert.False(verdict.Accepted);
        Assert.Equal(FaceProblem.SeveralFaces, verdict.Problem);
        var e = Assert.Throws<FaceSelectionException>(() => verdict.Require("crowd.jpg", [Near, Far]));
        Assert.Equal("crowd.jpg", e.ImagePath);
        Assert.Equal([0, 1], e.Faces.Select(f => f.Index));
        Assert.Equal(Far.Box, e.Faces[1].Box);
        Assert.Contains("2 faces found", e.Message);
        Assert.Contains("face 0: box (10,20)-(160,170), score 0.998, 150 px high, 48 px between the eyes", e.Message);
        Assert.Contains("face 1: box (300,40)-(390,130), score 0.951, 90 px high, 25 px between the eyes", e.Message);
        Assert.Contains("--face", e.Message);
        Assert.IsAssignableFrom<ArgumentException>(e);
    }

    [Fact]
    public void A_face_index_picks_that_face_of_several()
    {
        var verdict = FaceSelection.ForProbe([Near, Far], faceIndex: 1);

        Assert.Same(Far, verdict.Face);
        Assert.Same(Far, verdict.Require("crowd.jpg", [Near, Far]));
    }

    [Fact]
    public void The_only_face_is_the_probe_without_an_index()
    {
        Assert.Same(Far, FaceSelection.ForProbe([Far], faceIndex: null).Face);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void A_face_index_outside_the_photo_is_refused_with_the_valid_range(int index)
    {
        var verdict = FaceSelection.ForProbe([Near, Far], index);

        Assert.Equal(FaceProblem.NoSuchFace, verdict.Problem);
        Assert.Contains($"there is no face {index}", verdict.Detail);
        Assert.Contains("indexed 0 to 1", verdict.Detail);
    }

    [Fact]
    public void A_probe_without_a_face_is_refused()
    {
        var e = Assert.Throws<FaceSelectionException>(() => FaceSelection.ForProbe([], 0).Require("wall.jpg", []));

        Assert.Equal(FaceProblem.NoFace, e.Problem);
        Assert.Empty(e.Faces);
        Assert.StartsWith("wall.jpg: no face found", e.Message);
    }

    [Fact]
    public void Enrolment_takes_exactly_one_large_enough_face()
    {
        Assert.Same(Near, FaceSelection.ForEnrolment([Near]).Face);
        Assert.Equal(FaceProblem.NoFace, FaceSelection.ForEnrolment([]).Problem);
        Assert.Equal(FaceProblem.SeveralFaces, FaceSelection.ForEnrolment([Near, Far]).Problem);
        Assert.Contains("exactly one face", FaceSelection.ForEnrolment([Near, Far]).Detail);
    }

    [Fact]
    public void Enrolment_refuses_a_face_below_the_eye_distance_floor_and_says_by_how_much()
    {
        var small = Support.Faces.Make(0, 0, 40, FaceSelection.DefaultMinInterEyePixels - 1);
        var atFloor = Support.Faces.Make(0, 0, 40, FaceSelection.DefaultMinInterEyePixels);

        var verdict = FaceSelection.ForEnrolment([small]);

        Assert.Equal(FaceProblem.TooSmall, verdict.Problem);
        Assert.Contains("19 px between the eyes, at least 20 px", verdict.Detail);
        Assert.True(FaceSelection.ForEnrolment([atFloor]).Accepted);
        Assert.Equal(FaceProblem.TooSmall, FaceSelection.ForEnrolment([Near], minInterEyePixels: 60).Problem);
    }
}
