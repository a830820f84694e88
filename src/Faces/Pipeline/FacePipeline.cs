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
    public IReadOnlyList<DetectedFace> Analyze(byte[] encodedPhoto) => Analyze(decoder.Decode(encodedPhoto));

    public IReadOnlyList<DetectedFace> Analyze(Stream encodedPhoto) => Analyze(decoder.Decode(encodedPhoto));

    public IReadOnlyList<DetectedFace> AnalyzeFile(string path) => Analyze(decoder.DecodeFile(path));

    public IReadOnlyList<DetectedFace> Analyze(RgbImage photo)
    {
        var detections = detector.Detect(photo);
        var faces = new List<DetectedFace>(detections.Count);
        foreach (var detection in detections)
        {
            var landmarks = landmarker.DetectRefined(photo, detection.Box);
            var toCrop = SimilarityTransform.Estimate(landmarks.FivePoints, ArcFaceReference.FivePoints);
            var aligned = FaceAligner.Align(photo, toCrop);
            var template = embedder.Embed(aligned, mirrorAverage);
            var quality = FaceQualityAssessor.Assess(detection.Box.Height, detection.Score, landmarks, toCrop, aligned);
            faces.Add(new DetectedFace(detection.Box, detection.Score, landmarks, quality, template));
        }
        return faces;
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
