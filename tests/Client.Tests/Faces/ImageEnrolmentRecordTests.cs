using Grid.Client.Faces;
using Grid.Protocol.Galleries;

namespace Grid.Client.Tests.Faces;

public class ImageEnrolmentRecordTests
{
    private static readonly LabelledImage Photo = new("/photos/s1/a.jpg", "s1");

    private static ImageEnrolmentRecord Classify(ImageAnalysis analysis) =>
        ImageEnrolmentRecord.Classify(Photo, analysis, FaceSelection.DefaultMinInterEyePixels).Record;

    [Fact]
    public void Each_kind_of_photo_gets_its_outcome_and_a_reason_unless_enrolled()
    {
        var good = Classify(new ImageAnalysis(Photo.Path, [Support.Faces.Make(0, 0, 120, 40)], null, null));
        var none = Classify(new ImageAnalysis(Photo.Path, [], null, null));
        var two = Classify(new ImageAnalysis(Photo.Path, [Support.Faces.Make(0, 0, 120, 40), Support.Faces.Make(200, 0, 120, 40)], null, null));
        var small = Classify(new ImageAnalysis(Photo.Path, [Support.Faces.Make(0, 0, 30, 9)], null, null));
        var broken = Classify(new ImageAnalysis(Photo.Path, [], "Truncated", "Image rejected (Truncated): the JPEG ends early"));

        Assert.Equal((ImageOutcome.Enrolled, (string?)null), (good.Outcome, good.Reason));
        Assert.Equal(ImageOutcome.NoFace, none.Outcome);
        Assert.Equal(ImageOutcome.SeveralFaces, two.Outcome);
        Assert.Contains("2 faces found", two.Reason);
        Assert.Equal(ImageOutcome.TooSmall, small.Outcome);
        Assert.Contains("9 px between the eyes", small.Reason);
        Assert.Equal(ImageOutcome.Unreadable, broken.Outcome);
        Assert.Equal("Image rejected (Truncated): the JPEG ends early", broken.Reason);
    }

    [Fact]
    public void Only_an_accepted_photo_hands_over_a_face_to_enrol()
    {
        var face = Support.Faces.Make(0, 0, 120, 40);
        var (_, accepted) = ImageEnrolmentRecord.Classify(Photo, new ImageAnalysis(Photo.Path, [face], null, null), 20);
        var (_, refused) = ImageEnrolmentRecord.Classify(Photo, new ImageAnalysis(Photo.Path, [face, face], null, null), 20);
        var (_, unreadable) = ImageEnrolmentRecord.Classify(Photo, new ImageAnalysis(Photo.Path, [], "Unreadable", "gone"), 20);

        Assert.Same(face, accepted!.Face);
        Assert.Null(refused!.Face);
        Assert.Null(unreadable);
    }

    [Fact]
    public void The_summary_counts_every_outcome_and_lists_only_skipped_photos()
    {
        ImageEnrolmentRecord[] records =
        [
            new(new LabelledImage("a.jpg", "s1"), ImageOutcome.Enrolled, null),
            new(new LabelledImage("b.jpg", "s1"), ImageOutcome.Enrolled, null),
            new(new LabelledImage("c.jpg", "s2"), ImageOutcome.NoFace, "no face found"),
            new(new LabelledImage("d.jpg", "s2"), ImageOutcome.SeveralFaces, "2 faces found"),
            new(new LabelledImage("e.txt", "s3"), ImageOutcome.Unreadable, "not an image"),
        ];

        var summary = ImageEnrolmentSummary.From(records, new EnrolResult(1, 1));

        Assert.Equal(5, summary.Images);
        Assert.Equal(2, summary.Enrolled);
        Assert.Equal(1, summary.Count(ImageOutcome.NoFace));
        Assert.Equal(1, summary.Count(ImageOutcome.SeveralFaces));
        Assert.Equal(0, summary.Count(ImageOutcome.TooSmall));
        Assert.Equal(1, summary.Count(ImageOutcome.Unreadable));
        Assert.Equal(["c.jpg", "d.jpg", "e.txt"], summary.Skipped.Select(r => r.Image.Path));
        Assert.Equal(new EnrolResult(1, 1), summary.Grid);
    }
}
