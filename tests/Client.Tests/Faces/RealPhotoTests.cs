using Grid.Client.Faces;
using Grid.Client.Tests.Support;

namespace Grid.Client.Tests.Faces;

/// <summary>The client-side rules on real photos of faces-dev (its README lists them): the multi-face photos,
/// the LFW photos with people in the background, and the negatives.</summary>
public class RealPhotoTests(RealPhotos photos) : IClassFixture<RealPhotos>
{
    [SkippableFact]
    public void A_photo_of_several_people_is_refused_as_a_probe_listing_the_faces_until_one_is_chosen()
    {
        var (dataset, pipeline) = photos.Require();
        var analyzer = new FaceImageAnalyzer(pipeline);
        var path = Path.Combine(dataset, "multi", "face_recognition_obama_and_biden.jpg");

        var e = Assert.Throws<FaceSelectionException>(() => analyzer.Probe(path, faceIndex: null));

        Assert.Equal(FaceProblem.SeveralFaces, e.Problem);
        Assert.True(e.Faces.Count >= 2, $"expected the people in the photo, found {e.Faces.Count} face(s)");
        Assert.All(e.Faces, f => Assert.Contains(f.Describe(), e.Message));
        var chosen = analyzer.Probe(path, faceIndex: 1);
        Assert.Equal(1, chosen.FaceIndex);
        Assert.Equal(e.Faces.Count, chosen.FacesInImage);
        Assert.Equal(e.Faces[1].Box, chosen.Face.Box);
        Assert.Equal(pipeline.ModelId.Value, chosen.ModelId);
    }

    [SkippableFact]
    public void Folder_layout_of_faces_dev_enrols_the_main_faces_and_skips_background_crowds_and_broken_files()
    {
        var (dataset, pipeline) = photos.Require();
        var analyzer = new FaceImageAnalyzer(pipeline);
        using var extra = new TempFolder();
        var broken = extra.File("not-a-photo.jpg", "this is text, not a JPEG");
        var labelled = ImageLabels.FromFolders(Path.Combine(dataset, "images"))
            .Append(new LabelledImage(broken, "s-broken"))
            .Append(new LabelledImage(Path.Combine(dataset, "negatives", "skimage_rocket.jpg"), "s-rocket"))
            .ToList();

        var analyses = analyzer.AnalyzeAll(labelled.Select(i => i.Path)).ToList();
        var records = labelled.Zip(analyses, (image, analysis) => ImageEnrolmentRecord.Classify(image, analysis, FaceSelection.DefaultMinInterEyePixels).Record).ToList();
        var summary = ImageEnrolmentSummary.From(records, Protocol.Galleries.EnrolResult.None);

        // Results come back in input order, so each record describes its own photo.
        Assert.Equal(labelled.Select(i => i.Path), analyses.Select(a => a.Path));
        Assert.Equal(15, labelled.Select(i => i.SubjectRef).Distinct().Count() - 2);
        Assert.Equal(ImageOutcome.Unreadable, records[^2].Outcome);
        Assert.Contains("NotAnImage", records[^2].Reason);
        Assert.Equal(ImageOutcome.NoFace, records[^1].Outcome);
        // Three LFW photos show people behind the subject: refused rather than guessing which face is meant.
        Assert.Equal(3, summary.Count(ImageOutcome.SeveralFaces));
        Assert.All(summary.Skipped.Where(r => r.Outcome == ImageOutcome.SeveralFaces), r => Assert.Contains("/krasserm_lfw_", r.Image.Path));
        Assert.Equal(63 - 3, summary.Enrolled);
        Assert.Equal(0, summary.Count(ImageOutcome.TooSmall));
    }
}
