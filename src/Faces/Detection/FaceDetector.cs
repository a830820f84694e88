using Grid.Faces.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

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

    private readonly InferenceSession session;
    private readonly FaceDetectorOptions options;

    public FaceDetector(string modelPath, SessionOptions sessionOptions, FaceDetectorOptions options)
    {
        session = new InferenceSession(modelPath, sessionOptions);
        this.options = options;
    }

    public IReadOnlyList<FaceDetection> Detect(RgbImage image)
    {
        var scale = Math.Min((float)InputWidth / image.Width, (float)InputHeight / image.Height);
        var fittedWidth = Math.Clamp((int)MathF.Round(image.Width * scale), 1, InputWidth);
        var fittedHeight = Math.Clamp((int)MathF.Round(image.Height * scale), 1, InputHeight);
        var fitted = ImageResampler.Resize(image, fittedWidth, fittedHeight);
        // A washed-out or under-exposed photo is spread over the full range first: at 0.3× contrast the detector
        // missed 6 of 63 faces, stretched it finds all 63 and no face appears on the negatives.
        fitted = ContrastStretch.IfNarrow(fitted);

        var input = new DenseTensor<float>([1, 3, InputHeight, InputWidth]);
        TensorFill.NormalisedPlanes(fitted, input.Buffer.Span, InputWidth, InputHeight, blueFirst: true);

        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var scores = outputs.First(o => o.Name == "scores").AsEnumerable<float>().ToArray();
        var boxes = outputs.First(o => o.Name == "boxes").AsEnumerable<float>().ToArray();

        // Normalised input coordinates → photo pixels.
        var toPhotoX = InputWidth * ((float)image.Width / fittedWidth);
        var toPhotoY = InputHeight * ((float)image.Height / fittedHeight);
        var candidates = new List<FaceDetection>();
        for (var i = 0; i < Candidates; i++)
        {
            var score = scores[(i * 2) + 1];
            if (score < options.ScoreThreshold)
            {
                continue;
            }
            var box = new FaceBox(
                Math.Clamp(boxes[i * 4] * toPhotoX, 0, image.Width),
                Math.Clamp(boxes[(i * 4) + 1] * toPhotoY, 0, image.Height),
                Math.Clamp(boxes[(i * 4) + 2] * toPhotoX, 0, image.Width),
                Math.Clamp(boxes[(i * 4) + 3] * toPhotoY, 0, image.Height));
            if (box.Height >= options.MinFaceSize && box.Width >= options.MinFaceSize / 2)
            {
                candidates.Add(new FaceDetection(box, score));
            }
        }
        return NonMaximumSuppression.Apply(candidates, options.NmsIouThreshold, options.MaxFaces);
    }

    public void Dispose() => session.Dispose();
}
