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
        var summary = ImageEnrolmentSummary.From(records, Contracts.Galleries.EnrolResult.None);

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

    [SkippableFact]
    public void A_photo_of_several_people_is_searched_face_by_face()
    {
        var (dataset, pipeline) = photos.Require();
        var analyzer = new FaceImageAnalyzer(pipeline);
        var path = Path.Combine(dataset, "multi", "face_recognition_obama_and_biden.jpg");

        var (probes, skipped) = analyzer.Probes(path, faceIndices: null);
        var (chosen, _) = analyzer.Probes(path, [1]);

        Assert.True(probes.Count + skipped.Count >= 2);
        Assert.True(probes.Count >= 2, "both people in the photo are good enough to search");
        Assert.Equal(probes.Select((_, i) => i).Except(skipped.Select(s => s.Index)), probes.Select(p => p.FaceIndex));
        Assert.All(probes, p => Assert.InRange(p.Face.Quality.Score, FaceSelection.DefaultMinQuality, 100));
        Assert.Equal(probes[1].Template, Assert.Single(chosen).Template);
    }

    [SkippableFact]
    public void Verify_says_same_person_for_two_photos_of_one_person_and_not_for_two_people()
    {
        var (dataset, pipeline) = photos.Require();
        var verifier = new FaceVerifier(pipeline);
        var biden = Path.Combine(dataset, "images", "biden");
        var bush = Path.Combine(dataset, "images", "george_w_bush", "krasserm_lfw_george_w_bush_0001.jpg");

        var same = verifier.Verify(Path.Combine(biden, "face_recognition_biden.jpg"), Path.Combine(biden, "face_recognition_biden2.jpg"));
        var different = verifier.Verify(Path.Combine(biden, "face_recognition_biden.jpg"), bush);

        Assert.True(same.SamePerson, $"score {same.Score}");
        Assert.True(same.FalseMatchRate < FaceVerifier.DefaultDecisionFalseMatchRate);
        Assert.False(different.SamePerson, $"score {different.Score}");
        Assert.True(different.FalseMatchRate > 0.01, $"an impostor pair scores like many others: {different.FalseMatchText}");
        Assert.Equal(same.DecisionThreshold, different.DecisionThreshold);
    }

    [SkippableFact]
    public void Verify_refuses_a_photo_of_several_people_until_a_face_is_chosen()
    {
        var (dataset, pipeline) = photos.Require();
        var verifier = new FaceVerifier(pipeline);
        var group = Path.Combine(dataset, "multi", "face_recognition_obama_and_biden.jpg");
        var biden = Path.Combine(dataset, "images", "biden", "face_recognition_biden.jpg");

        var e = Assert.Throws<FaceSelectionException>(() => verifier.Verify(group, biden));
        Assert.Equal(FaceProblem.SeveralFaces, e.Problem);
        var scores = Enumerable.Range(0, e.Faces.Count).Select(i => verifier.Verify(group, biden, faceIndex1: i).Score).ToList();
        Assert.Contains(scores, s => s > 0.4f); // one of them is Biden
    }
}
