using Grid.Client.Faces;

namespace Grid.Client.Tests.Faces;

/// <summary>Which faces of a probe photo are searched, and which enrolment faces are refused for quality.</summary>
public class ProbeSelectionTests
{
    private static readonly Grid.Faces.Pipeline.DetectedFace Sharp = Support.Faces.Make(10, 20, 150, 48, axis: 0, quality: 90);
    private static readonly Grid.Faces.Pipeline.DetectedFace Blurred = Support.Faces.Make(300, 40, 90, 30, axis: 1, quality: 12);
    private static readonly Grid.Faces.Pipeline.DetectedFace Other = Support.Faces.Make(500, 40, 90, 30, axis: 2, quality: 60);

    [Fact]
    public void Without_indices_every_face_above_the_floor_is_a_probe_and_the_others_are_listed_with_the_reason()
    {
        var selection = FaceSelection.ForProbes([Sharp, Blurred, Other], faceIndices: null);

        Assert.True(selection.Accepted);
        Assert.Equal([0, 2], selection.Chosen.Select(c => c.Index));
        Assert.Same(Other, selection.Chosen[1].Face);
        var (index, reason) = Assert.Single(selection.Skipped);
        Assert.Equal(1, index);
        Assert.Contains("face 1: face quality 12/100 is below the floor of 25 (weakest: sharpness 12", reason);
    }

    [Fact]
    public void Chosen_indices_are_searched_in_the_order_given_once_each()
    {
        var selection = FaceSelection.ForProbes([Sharp, Blurred, Other], [2, 0, 2]);
        Assert.Equal([2, 0], selection.Chosen.Select(c => c.Index));
    }

    [Fact]
    public void A_photo_whose_chosen_faces_are_all_below_the_floor_is_refused_with_the_reasons()
    {
        var selection = FaceSelection.ForProbes([Sharp, Blurred], [1]);

        Assert.False(selection.Accepted);
        Assert.Equal(FaceProblem.LowQuality, selection.Problem);
        var e = Assert.Throws<FaceSelectionException>(() => selection.Require("blur.jpg", [Sharp, Blurred]));
        Assert.Contains("every face is below the quality floor", e.Message);
        Assert.Contains("sharpness 12", e.Message);
    }

    [Fact]
    public void An_index_outside_the_photo_or_no_face_at_all_is_refused()
    {
        Assert.Equal(FaceProblem.NoSuchFace, FaceSelection.ForProbes([Sharp], [3]).Problem);
        Assert.Equal(FaceProblem.NoFace, FaceSelection.ForProbes([], null).Problem);
    }

    [Fact]
    public void A_lower_floor_lets_a_poor_face_through()
    {
        Assert.Equal(3, FaceSelection.ForProbes([Sharp, Blurred, Other], null, minQuality: 10).Chosen.Count);
    }

    [Fact]
    public void Enrolment_refuses_a_face_below_the_quality_floor_saying_which_component_failed()
    {
        var verdict = FaceSelection.ForEnrolment([Blurred]);

        Assert.Equal(FaceProblem.LowQuality, verdict.Problem);
        Assert.Contains("face quality 12/100 is below the floor of 25 (weakest: sharpness 12", verdict.Detail);
        Assert.True(FaceSelection.ForEnrolment([Blurred], minQuality: 10).Accepted);
        Assert.True(FaceSelection.ForEnrolment([Sharp]).Accepted);
    }
}
