using Grid.Faces.Evaluation;
using Grid.Faces.Imaging;
using Grid.Faces.Pipeline;
using Grid.Faces.Tests.Support;
using SkiaSharp;

namespace Grid.Faces.Tests.Pipeline;

/// <summary>The pipeline on real photos (faces-dev); skipped, saying so, where the folder is absent.</summary>
[Collection(PipelineCollection.Name)]
public sealed class FacesDevPipelineTests(PipelineFixture fixture)
{
    /// <summary>
    /// Operating threshold for these tests: about midway between the highest impostor (0.32) and the
    /// lowest genuine (0.41) cosine measured on faces-dev; the pair-rate assertions leave slack either side.
    /// </summary>
    private const float MatchThreshold = 0.36f;

    private FacePipeline Pipeline => fixture.Pipeline;

    [SkippableFact]
    public void Every_single_face_photo_gives_one_main_face()
    {
        var dataset = FacesDev.Require();
        foreach (var image in Images(dataset, EvaluationImageKind.SingleFace))
        {
            var faces = Pipeline.AnalyzeFile(Path.Combine(dataset, image.RelativePath));

            Assert.True(faces.Count >= 1, $"{image.RelativePath}: no face found");
            // A few LFW photos show bystanders, which are real faces too; the labelled person's face
            // must stand out as clearly the largest.
            var ordered = faces.OrderByDescending(f => f.Box.Height).ToList();
            Assert.True(ordered.Count == 1 || ordered[0].Box.Height >= 1.4f * ordered[1].Box.Height,
                $"{image.RelativePath}: {faces.Count} faces of similar size");
            Assert.Equal(Pipeline.ModelId, ordered[0].Template.ModelId);
            Assert.Equal(68, ordered[0].Landmarks.Points.Count);
        }
    }

    [SkippableFact]
    public void Multi_face_photos_give_at_least_their_labelled_faces()
    {
        var dataset = FacesDev.Require();
        foreach (var image in Images(dataset, EvaluationImageKind.MultiFace))
        {
            var faces = Pipeline.AnalyzeFile(Path.Combine(dataset, image.RelativePath));
            Assert.True(faces.Count >= image.Identities.Count, $"{image.RelativePath}: {faces.Count} faces, {image.Identities.Count} labelled");
        }
    }

    [SkippableFact]
    public void Negative_photos_give_no_face()
    {
        var dataset = FacesDev.Require();
        foreach (var image in Images(dataset, EvaluationImageKind.Negative))
        {
            Assert.Empty(Pipeline.AnalyzeFile(Path.Combine(dataset, image.RelativePath)));
        }
    }

    [SkippableFact]
    public void Genuine_pairs_match_and_impostors_do_not()
    {
        var dataset = FacesDev.Require();
        var templates = Images(dataset, EvaluationImageKind.SingleFace)
            .Select(i => (Identity: i.Identities[0], Face: Pipeline.AnalyzeFile(Path.Combine(dataset, i.RelativePath)).MaxBy(f => f.Box.Area)!))
            .ToList();
        int genuine = 0, genuineAccepted = 0, impostor = 0, impostorAccepted = 0;
        for (var i = 0; i < templates.Count; i++)
        {
            for (var j = i + 1; j < templates.Count; j++)
            {
                var accepted = templates[i].Face.Template.Similarity(templates[j].Face.Template) > MatchThreshold ? 1 : 0;
                if (templates[i].Identity == templates[j].Identity)
                {
                    genuine++;
                    genuineAccepted += accepted;
                }
                else
                {
                    impostor++;
                    impostorAccepted += accepted;
                }
            }
        }
        Assert.True(genuineAccepted >= 0.98 * genuine, $"genuine accepted {genuineAccepted}/{genuine}");
        Assert.True(impostorAccepted <= 0.001 * impostor, $"impostors accepted {impostorAccepted}/{impostor}");
    }

    [SkippableFact]
    public async Task The_evaluation_meets_the_targets()
    {
        var dataset = FacesDev.Require();
        var roc = Path.Combine(Path.GetTempPath(), $"grid-roc-{Guid.NewGuid():N}.png");
        try
        {
            var report = await new FaceEvaluation(Pipeline, new InMemoryEvaluationGallery()).RunAsync(dataset, roc);

            Assert.Equal(report.SingleFaceImages, report.SingleFaceDetected);
            Assert.Equal(0, report.FacesOnNegatives);
            Assert.True(report.AtFar1Percent.TrueAcceptRate >= 0.98, report.ToMarkdown());
            Assert.True(report.AtFar01Percent.TrueAcceptRate >= 0.95, report.ToMarkdown());
            Assert.True(report.Rank1Rate >= 0.98, report.ToMarkdown());
            Assert.True(report.GenuineMeanCosine > 0.6 && report.ImpostorMeanCosine < 0.1, report.ToMarkdown());
            Assert.StartsWith("\u0089PNG", System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(roc), 0, 4));
        }
        finally
        {
            File.Delete(roc);
        }
    }

    [SkippableFact]
    public void A_sideways_photo_with_an_orientation_tag_gives_the_same_person()
    {
        var dataset = FacesDev.Require();
        var path = Path.Combine(dataset, Images(dataset, EvaluationImageKind.SingleFace).First(i => i.Identities[0] == "obama").RelativePath);
        var upright = Pipeline.Decoder.DecodeFile(path);
        var expected = Pipeline.Analyze(upright).MaxBy(f => f.Box.Area)!;

        // Store the pixels turned 90° anticlockwise and tag orientation 6 ("turn clockwise to view"), as a phone does.
        var stored = new RgbImage(upright.Height, upright.Width);
        for (var y = 0; y < stored.Height; y++)
        {
            for (var x = 0; x < stored.Width; x++)
            {
                Array.Copy(upright.Pixels, upright.OffsetOf(upright.Width - 1 - y, x), stored.Pixels, stored.OffsetOf(x, y), RgbImage.Channels);
            }
        }
        var jpeg = TestImages.WithExifOrientation(TestImages.Encode(stored, SKEncodedImageFormat.Jpeg, 95), 6);

        var faces = Pipeline.Analyze(jpeg);

        Assert.Single(faces);
        Assert.True(faces[0].Template.Similarity(expected.Template) > 0.8f, "the re-encoded photo should give nearly the same template");
    }

    [SkippableFact]
    public void Concurrent_callers_get_the_same_templates_as_one_caller()
    {
        var dataset = FacesDev.Require();
        var photos = Images(dataset, EvaluationImageKind.SingleFace).Take(8)
            .Select(i => File.ReadAllBytes(Path.Combine(dataset, i.RelativePath))).ToArray();
        var sequential = photos.Select(p => Pipeline.Analyze(p)[0].Template.Vector).ToArray();

        var concurrent = new float[photos.Length][];
        Parallel.For(0, photos.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = Pipeline.Analyze(photos[i])[0].Template.Vector);

        for (var i = 0; i < photos.Length; i++)
        {
            Assert.Equal(sequential[i], concurrent[i]);
        }
    }

    [SkippableFact]
    public void A_photo_without_a_face_gives_no_face()
    {
        // Needs only the models, not faces-dev.
        var png = TestImages.Encode(TestImages.Gradient(640, 480), SKEncodedImageFormat.Png);
        Assert.Empty(Pipeline.Analyze(png));
    }

    [SkippableFact]
    public void Bad_input_reaches_the_caller_as_a_typed_rejection()
    {
        var error = Assert.Throws<ImageRejectedException>(() => Pipeline.Analyze(new MemoryStream()));
        Assert.Equal(ImageRejectionReason.Empty, error.Reason);
    }

    private static IEnumerable<EvaluationImage> Images(string dataset, EvaluationImageKind kind) =>
        EvaluationImage.ReadLabels(dataset).Where(i => i.Kind == kind);
}
