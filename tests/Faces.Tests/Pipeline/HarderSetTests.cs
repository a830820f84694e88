using Grid.Faces.Embedding;
using Grid.Faces.Evaluation;
using Grid.Faces.Evaluation.Variants;
using Grid.Faces.Pipeline;
using Grid.Faces.Tests.Support;

namespace Grid.Faces.Tests.Pipeline;

/// <summary>The harder set and the quality score on real photos (faces-dev); skipped, saying so, where it is absent.</summary>
[Collection(PipelineCollection.Name)]
public sealed class HarderSetTests(PipelineFixture fixture)
{
    private FacePipeline Pipeline => fixture.Pipeline;

    /// <summary>
    /// Floors a little under what was measured (docs/FACES.md, harder set): clean, JPEG and rotated stay at the reference floor;
    /// blur at 0.70 or better; all variants pooled at one threshold stay at 0.85 or better at FAR 0.1 %; no variant raises a face on a photo of rocks,
    /// coins or a cat beyond the one rotated-gravel false face measured.
    /// </summary>
    [SkippableFact]
    public void Variants_meet_their_measured_floors()
    {
        var dataset = FacesDev.Require();
        var report = new VariantEvaluation(Pipeline).Run(dataset,
            [ImageVariant.Clean, ImageVariant.Jpeg, ImageVariant.RotatedLeft, ImageVariant.LowContrast, ImageVariant.Blurred]);
        var rows = report.Rows.ToDictionary(r => r.Variant);

        Assert.True(rows[ImageVariant.Clean].AtFar01Percent.TrueAcceptRate >= 0.99, report.ToMarkdown());
        Assert.True(rows[ImageVariant.Clean].Rank1Rate >= 0.99, report.ToMarkdown());
        Assert.True(rows[ImageVariant.Jpeg].AtFar01Percent.TrueAcceptRate >= 0.97, report.ToMarkdown());
        Assert.True(rows[ImageVariant.RotatedLeft].Rank1Rate >= 0.97, report.ToMarkdown());
        Assert.Equal(rows[ImageVariant.LowContrast].Photos, rows[ImageVariant.LowContrast].Detected);
        Assert.All(report.Rows, r => Assert.Equal(0, r.FacesOnNegatives));
        // Soft faces are embedded from a sharpened crop and the detector retries sharpened: blur measured 0.774 (was 0.472).
        Assert.True(rows[ImageVariant.Blurred].AtFar01Percent.TrueAcceptRate >= 0.70, report.ToMarkdown());
        // Blur is the hardest variant: what it does to the probes shows in their quality.
        Assert.True(rows[ImageVariant.Blurred].MeanQuality < rows[ImageVariant.Clean].MeanQuality - 30, report.ToMarkdown());
        Assert.True(report.Pooled!.AtFar01Percent.TrueAcceptRate >= 0.85, report.ToMarkdown());
    }

    [SkippableFact]
    public void Quality_scores_faces_dev_above_the_client_floor_and_blurred_copies_lower()
    {
        var dataset = FacesDev.Require();
        var photos = EvaluationImage.ReadLabels(dataset).Where(i => i.Kind == EvaluationImageKind.SingleFace).Take(12)
            .Select(i => Pipeline.Decoder.DecodeFile(Path.Combine(dataset, i.RelativePath))).ToList();
        foreach (var photo in photos)
        {
            var clean = Pipeline.Analyze(photo).MaxBy(f => f.Box.Area)!;
            Assert.InRange(clean.Quality.Score, 25, 100);
            var blurred = Pipeline.Analyze(VariantMaker.Make(ImageVariant.Blurred, photo, clean.Landmarks)).MaxBy(f => f.Box.Area);
            if (blurred is not null)
            {
                Assert.True(blurred.Quality.Measures.Sharpness < clean.Quality.Measures.Sharpness);
                Assert.True(blurred.Quality.Components.Sharpness <= clean.Quality.Components.Sharpness);
            }
        }
    }

    [SkippableFact]
    public void Mirror_averaged_templates_are_unit_vectors_close_to_the_plain_ones()
    {
        var dataset = FacesDev.Require();
        using var mirrored = FacePipeline.Create(new FacePipelineOptions { MirrorAveragedTemplates = true });
        var path = Path.Combine(dataset, EvaluationImage.ReadLabels(dataset).First(i => i.Kind == EvaluationImageKind.SingleFace).RelativePath);

        var plain = Pipeline.AnalyzeFile(path)[0].Template;
        var averaged = mirrored.AnalyzeFile(path)[0].Template;

        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm<float>(averaged.Vector), 3);
        Assert.InRange(plain.Similarity(averaged), 0.8f, 0.9999f);
        Assert.Equal(FaceTemplate.Dimensions, averaged.Vector.Length);
    }
}
