using Grid.Faces.Alignment;
using Grid.Faces.Detection;
using Grid.Faces.Embedding;
using Grid.Faces.Imaging;
using Grid.Faces.Landmarks;
using Grid.Faces.Models;
using Grid.Faces.Quality;
using Microsoft.ML.OnnxRuntime;

namespace Grid.Faces.Pipeline;

/// <summary>
/// Photo → faces → templates: decode (limits, EXIF orientation), detect on a shrunk copy, then
/// landmarks, alignment and embedding from the full-resolution photo.
/// Thread-safe: the ONNX Runtime sessions are created once and their Run is safe to call
/// concurrently; every other stage is stateless.
/// </summary>
public sealed class FacePipeline : IDisposable
{
    private readonly ImageDecoder decoder;
    private readonly FaceDetector detector;
    private readonly LandmarkDetector landmarker;
    private readonly FaceEmbedder embedder;
    private readonly bool mirrorAverage;
    private readonly FacePipelineOptions options;

    public FacePipeline(FaceModels models, FacePipelineOptions? options = null)
    {
        options ??= new FacePipelineOptions();
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.ThreadsPerCall,
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        mirrorAverage = options.MirrorAveragedTemplates;
        this.options = options;
        decoder = new ImageDecoder(options.ImageLimits);
        detector = new FaceDetector(models.DetectorPath, sessionOptions, options.Detector);
        landmarker = new LandmarkDetector(models.LandmarkerPath, sessionOptions);
        embedder = new FaceEmbedder(models.EmbedderPath, models.EmbedderId, sessionOptions);
    }

    /// <summary>A pipeline over the verified models in the checkout's <c>.models</c> (or GRID_MODELS_DIR).</summary>
    public static FacePipeline Create(FacePipelineOptions? options = null) => new(FaceModels.Locate(), options);

    /// <summary>The id every template from this pipeline carries.</summary>
    public ModelId ModelId => embedder.ModelId;

    public ImageDecoder Decoder => decoder;

    /// <summary>Faces in an encoded photo, best detection first; empty when there is none.</summary>
    /// <exception cref="ImageRejectedException">The bytes are not an acceptable photo.</exception>
    public IReadOnlyList<DetectedFace> Analyze(byte[] encodedPhoto) => Analyze(encodedPhoto, null);

    public IReadOnlyList<DetectedFace> Analyze(Stream encodedPhoto) => Analyze(decoder.ReadAll(encodedPhoto));

    public IReadOnlyList<DetectedFace> AnalyzeFile(string path) => Analyze(decoder.ReadFile(path));

    public IReadOnlyList<DetectedFace> Analyze(RgbImage photo) => Analyze(photo, null);

    /// <summary>
    /// As <see cref="Analyze(byte[])"/>, charging each stage's time to <paramref name="clock"/> when given.
    /// A large JPEG is decoded at the smallest n/8 size still twice the detector's input (a 1920×1080 frame at 3/8):
    /// decoding and shrinking it cost a fraction of the full size. Faces at least <see cref="MinReducedFaceHeight"/>
    /// tall there are analysed on it; smaller ones on a second decode, made only then, large enough for them (full size at most).
    /// </summary>
    public IReadOnlyList<DetectedFace> Analyze(byte[] encodedPhoto, StageClock? clock)
    {
        clock?.Start();
        var photo = decoder.DecodeScaled(encodedPhoto, DetectionDecodeSize);
        clock?.Lap("decode");
        if (photo.IsFullSize)
        {
            return Analyze(photo.Image, clock);
        }
        var detections = detector.Detect(photo.Image, clock, photo.ScaleY);
        var faces = new List<DetectedFace>(detections.Count);
        ScaledPhoto? larger = null;
        foreach (var detection in detections)
        {
            if (detection.Box.Height >= MinReducedFaceHeight)
            {
                faces.Add(AnalyzeFace(photo.Image, detection, photo, clock));
                continue;
            }
            if (larger is null)
            {
                // One more decode, at the size that makes the smallest face tall enough (full size at most).
                var smallest = detections.Min(d => photo.ToFullSize(d.Box).Height);
                var share = Math.Min(1f, MinReducedFaceHeight / Math.Max(smallest, 1f));
                larger = decoder.DecodeScaled(encodedPhoto, (w, h) => ((int)MathF.Ceiling(w * share), (int)MathF.Ceiling(h * share)));
                clock?.Lap("decode again, larger (small faces)");
            }
            var inLarger = larger.FromFullSize(photo.ToFullSize(detection.Box));
            faces.Add(AnalyzeFace(larger.Image, detection with { Box = inLarger }, larger.IsFullSize ? null : larger, clock));
        }
        return faces;
    }

    /// <summary>
    /// In a reduced decode, the smallest face box height analysed there: the 64×64 landmark crop and the aligned crop
    /// (the face about 100 px high in it) are still shrinks by 1.6× or more, so the aligner takes its filtered
    /// pre-shrink path exactly as from the full-size photo.
    /// </summary>
    public const float MinReducedFaceHeight = 160;

    /// <summary>The least size a photo is decoded at for detection: twice the detector input it is shrunk to.</summary>
    public static (int Width, int Height) DetectionDecodeSize(int width, int height)
    {
        var (fittedWidth, fittedHeight) = FaceDetector.FittedSize(width, height);
        return (2 * fittedWidth, 2 * fittedHeight);
    }

    private List<DetectedFace> Analyze(RgbImage photo, StageClock? clock)
    {
        var detections = detector.Detect(photo, clock);
        var faces = new List<DetectedFace>(detections.Count);
        foreach (var detection in detections)
        {
            faces.Add(AnalyzeFace(photo, detection, null, clock));
        }
        return faces;
    }

    /// <summary>Landmarks, alignment, template and quality of one detection; box and landmarks reported in full-size pixels.</summary>
    private DetectedFace AnalyzeFace(RgbImage image, FaceDetection detection, ScaledPhoto? reduced, StageClock? clock)
    {
        var landmarks = landmarker.DetectRefined(image, detection.Box, clock);
        var toCrop = SimilarityTransform.Estimate(landmarks.FivePoints, ArcFaceReference.FivePoints);
        var aligned = FaceAligner.Align(image, toCrop);
        if (options.SoftFaceLandmarkSharpening > 0 && FaceQualityAssessor.LaplacianVariance(aligned) < options.SoftFaceSharpness)
        {
            landmarks = landmarker.DetectRefined(image, detection.Box, null, options.SoftFaceLandmarkSharpening);
            toCrop = SimilarityTransform.Estimate(landmarks.FivePoints, ArcFaceReference.FivePoints);
            aligned = FaceAligner.Align(image, toCrop);
        }
        clock?.Lap("alignment warp");
        var template = embedder.Embed(CropToEmbed(image, landmarks, aligned), mirrorAverage, clock);
        var box = detection.Box;
        if (reduced is not null)
        {
            box = reduced.ToFullSize(box);
            landmarks = reduced.ToFullSize(landmarks);
            toCrop = SimilarityTransform.Estimate(landmarks.FivePoints, ArcFaceReference.FivePoints);
        }
        var quality = FaceQualityAssessor.Assess(box.Height, detection.Score, landmarks, toCrop, aligned);
        clock?.Lap("quality");
        return new DetectedFace(box, detection.Score, landmarks, quality, template);
    }

    /// <summary>The crop the template is made from: the aligned crop, unless a covered mouth or a soft face calls for another.</summary>
    private RgbImage CropToEmbed(RgbImage image, FaceLandmarks landmarks, RgbImage aligned)
    {
        var crop = aligned;
        if (options.AlignCoveredMouthOnEyesAndNose && FaceQualityAssessor.LowerFaceContrastRatio(aligned) < options.CoveredMouthContrastRatio)
        {
            var five = landmarks.FivePoints;
            var reference = ArcFaceReference.FivePoints;
            crop = FaceAligner.Align(image, SimilarityTransform.Estimate([five[0], five[1], five[2]], [reference[0], reference[1], reference[2]]));
        }
        if (options.SoftFaceSharpening > 0 && FaceQualityAssessor.LaplacianVariance(crop) < options.SoftFaceSharpness)
        {
            crop = UnsharpMask.Apply(crop, 2f, options.SoftFaceSharpening);
        }
        return crop;
    }

    /// <summary>The aligned 112×112 crop a face's template is computed from, for review and debugging.</summary>
    public static RgbImage AlignedCrop(RgbImage photo, DetectedFace face) => FaceAligner.Align(photo, face.Landmarks);

    public void Dispose()
    {
        detector.Dispose();
        landmarker.Dispose();
        embedder.Dispose();
    }
}
