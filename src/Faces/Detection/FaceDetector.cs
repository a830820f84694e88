using Grid.Faces.Imaging;
using Grid.Faces.Onnx;
using Grid.Faces.Pipeline;
using Microsoft.ML.OnnxRuntime;

namespace Grid.Faces.Detection;

/// <summary>
/// Runs fr_detect.onnx (a 320×240 RFB-style detector). Its <c>boxes</c> output is already decoded:
/// corner form normalised to [0, 1] of the input, so no prior-box decoding is applied here.
/// The photo is shrunk once, keeping its aspect ratio, into the top-left of the input; the rest is
/// mid-grey, which the normalisation maps to zero.
/// Colour order: BGR, as OpenCV-based pipelines feed it. Faces score alike either way (all faces-dev
/// faces ≥ 0.999), but animal faces do not: skimage's cat scores 0.99 in RGB and 0.72 in BGR.
/// </summary>
public sealed class FaceDetector : IDisposable
{
    public const int InputWidth = 320;
    public const int InputHeight = 240;
    private const int Candidates = 4420;
    private static readonly long[] InputShape = [1, 3, InputHeight, InputWidth];

    // One input buffer per thread: the pipeline is shared by concurrent callers.
    [ThreadStatic]
    private static float[]? inputBuffer;

    private readonly OnnxModel model;
    private readonly int scoresOutput;
    private readonly int boxesOutput;
    private readonly FaceDetectorOptions options;

    public FaceDetector(string modelPath, SessionOptions sessionOptions, FaceDetectorOptions options)
    {
        model = new OnnxModel(modelPath, sessionOptions);
        scoresOutput = model.OutputIndex("scores");
        boxesOutput = model.OutputIndex("boxes");
        this.options = options;
    }

    public IReadOnlyList<FaceDetection> Detect(RgbImage image) => Detect(image, null);

    /// <param name="fullPixelsPerPixel">For a photo decoded at reduced size, its full-size pixels per pixel, so the minimum
    /// face size still means full-size pixels.</param>
    internal IReadOnlyList<FaceDetection> Detect(RgbImage image, StageClock? clock, float fullPixelsPerPixel = 1f)
    {
        var (fittedWidth, fittedHeight) = FittedSize(image.Width, image.Height);
        var fitted = ImageResampler.Resize(image, fittedWidth, fittedHeight);
        clock?.Lap("resize to detector input");
        // A washed-out or under-exposed photo is spread over the full range first: at 0.3× contrast the detector
        // missed 6 of 63 faces, stretched it finds all 63 and no face appears on the negatives.
        fitted = ContrastStretch.IfNarrow(fitted);
        clock?.Lap("contrast check");
        var detections = DetectFitted(fitted, image.Width, image.Height, options.MinFaceSize / fullPixelsPerPixel);
        clock?.Lap("detection");
        if (detections.Count == 0 && options.RetrySharpenedWhenNone > 0)
        {
            detections = DetectFitted(UnsharpMask.Apply(fitted, 1.5f, options.RetrySharpenedWhenNone), image.Width, image.Height, options.MinFaceSize / fullPixelsPerPixel);
            clock?.Lap("detection again, sharpened");
        }
        return detections;
    }

    /// <summary>The size a photo is shrunk to, keeping its aspect ratio, to fit the detector's input.</summary>
    public static (int Width, int Height) FittedSize(int width, int height)
    {
        var scale = Math.Min((float)InputWidth / width, (float)InputHeight / height);
        return (Math.Clamp((int)MathF.Round(width * scale), 1, InputWidth), Math.Clamp((int)MathF.Round(height * scale), 1, InputHeight));
    }

    /// <summary>Detections on an already fitted input, in pixels of a photo of the given size.</summary>
    private IReadOnlyList<FaceDetection> DetectFitted(RgbImage fitted, int photoWidth, int photoHeight, float minFaceSize)
    {
        var input = inputBuffer ??= new float[InputWidth * InputHeight * 3];
        TensorFill.NormalisedPlanes(fitted, input, InputWidth, InputHeight, blueFirst: true);

        using var outputs = model.Run(input, InputShape);
        var scores = outputs[scoresOutput].GetTensorDataAsSpan<float>();
        var boxes = outputs[boxesOutput].GetTensorDataAsSpan<float>();

        // Normalised input coordinates → photo pixels.
        var toPhotoX = InputWidth * ((float)photoWidth / fitted.Width);
        var toPhotoY = InputHeight * ((float)photoHeight / fitted.Height);
        var candidates = new List<FaceDetection>();
        for (var i = 0; i < Candidates; i++)
        {
            var score = scores[(i * 2) + 1];
            if (score < options.ScoreThreshold)
            {
                continue;
            }
            var box = new FaceBox(
                Math.Clamp(boxes[i * 4] * toPhotoX, 0, photoWidth),
                Math.Clamp(boxes[(i * 4) + 1] * toPhotoY, 0, photoHeight),
                Math.Clamp(boxes[(i * 4) + 2] * toPhotoX, 0, photoWidth),
                Math.Clamp(boxes[(i * 4) + 3] * toPhotoY, 0, photoHeight));
            if (box.Height >= minFaceSize && box.Width >= minFaceSize / 2)
            {
                candidates.Add(new FaceDetection(box, score));
            }
        }
        return NonMaximumSuppression.Apply(candidates, options.NmsIouThreshold, options.MaxFaces);
    }

    public void Dispose() => model.Dispose();
}
