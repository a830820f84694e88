using System.Numerics.Tensors;
using Grid.Faces.Evaluation;
using Grid.Faces.Pipeline;
using Grid.Faces.Tests.Support;

namespace Grid.Faces.Tests.Pipeline;

/// <summary>
/// Large JPEGs are decoded at n/8 size for speed (FacePipeline.Analyze(byte[])): the faces, boxes, landmarks, quality
/// and templates must be what the full-size decode gives, within resampling noise.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ReducedDecodeTests(PipelineFixture fixture)
{
    private FacePipeline Pipeline => fixture.Pipeline;

    [SkippableFact]
    public void Full_hd_frames_analysed_from_a_reduced_decode_match_the_full_size_analysis()
    {
        var dataset = FacesDev.Require();
        var photos = EvaluationImage.ReadLabels(dataset).Where(i => i.Kind == EvaluationImageKind.SingleFace).Take(8)
            .Select(i => new BenchmarkPhoto(i.RelativePath, File.ReadAllBytes(Path.Combine(dataset, i.RelativePath)))).ToList();
        foreach (var frame in FacePipelineBenchmark.FullHdFrames(photos, Pipeline.Decoder))
        {
            var reducedDecode = Pipeline.Decoder.DecodeScaled(frame.Encoded, (w, h) => (w / 3, h / 3));
            Assert.True(reducedDecode.Image.Width < 1920 && reducedDecode.FullWidth == 1920, frame.Name);

            var full = Pipeline.Analyze(Pipeline.Decoder.Decode(frame.Encoded));
            var reduced = Pipeline.Analyze(frame.Encoded);
            Assert.Equal(full.Count, reduced.Count);
            for (var i = 0; i < full.Count; i++)
            {
                var (a, b) = (full[i], reduced[i]);
                var tolerance = 0.03f * a.Box.Height;
                Assert.InRange(b.Box.Top, a.Box.Top - tolerance, a.Box.Top + tolerance);
                Assert.InRange(b.Box.Height, a.Box.Height - tolerance, a.Box.Height + tolerance);
                Assert.InRange(b.Landmarks.InterEyeDistance, a.Landmarks.InterEyeDistance * 0.95f, a.Landmarks.InterEyeDistance * 1.05f);
                Assert.InRange(b.Quality.Score, a.Quality.Score - 10, a.Quality.Score + 10);
                var cosine = TensorPrimitives.Dot<float>(a.Template.Vector, b.Template.Vector);
                Assert.True(cosine >= 0.95f, $"{frame.Name} face {i}: cosine {cosine:F3} between full and reduced decode");
            }
        }
    }

    [Fact]
    public void Only_jpeg_is_decoded_reduced_and_never_below_the_size_asked_for()
    {
        var image = TestImages.Gradient(1600, 900);
        var jpeg = Pipeline.Decoder.DecodeScaled(TestImages.Encode(image, SkiaSharp.SKEncodedImageFormat.Jpeg), (_, _) => (500, 300));
        Assert.Equal((600, 338), (jpeg.Image.Width, jpeg.Image.Height)); // 3/8, the smallest n/8 at least 500×300
        Assert.Equal((1600, 900), (jpeg.FullWidth, jpeg.FullHeight));
        var png = Pipeline.Decoder.DecodeScaled(TestImages.Encode(image, SkiaSharp.SKEncodedImageFormat.Png), (_, _) => (500, 300));
        Assert.True(png.IsFullSize);
    }
}
