using Grid.Faces.Alignment;
using Grid.Faces.Imaging;
using Grid.Faces.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using System.Numerics.Tensors;

namespace Grid.Faces.Embedding;

/// <summary>
/// Runs fr_feature.onnx on an aligned 112×112 RGB crop, (px − 127) / 128, and L2-normalises the 512
/// outputs. The model's batch dimension is fixed at 1, so faces are embedded one at a time.
/// </summary>
public sealed class FaceEmbedder : IDisposable
{
    private readonly InferenceSession session;

    public FaceEmbedder(string modelPath, ModelId modelId, SessionOptions sessionOptions)
    {
        session = new InferenceSession(modelPath, sessionOptions);
        ModelId = modelId;
    }

    public ModelId ModelId { get; }

    /// <summary>The template of an aligned crop; with <paramref name="mirrorAverage"/>, of the crop and its mirror image averaged.</summary>
    public FaceTemplate Embed(RgbImage alignedFace, bool mirrorAverage = false)
    {
        var vector = Run(alignedFace);
        if (mirrorAverage)
        {
            TensorPrimitives.Add(vector, Run(Mirror(alignedFace)), vector);
        }
        var norm = TensorPrimitives.Norm<float>(vector);
        if (!(norm > 0) || !float.IsFinite(norm))
        {
            throw new InvalidOperationException("The embedder returned a zero or non-finite vector.");
        }
        TensorPrimitives.Divide(vector, norm, vector);
        return new FaceTemplate(vector, ModelId);
    }

    private float[] Run(RgbImage alignedFace)
    {
        if (alignedFace.Width != ArcFaceReference.Size || alignedFace.Height != ArcFaceReference.Size)
        {
            throw new ArgumentException($"The embedder takes a {ArcFaceReference.Size}x{ArcFaceReference.Size} aligned crop.", nameof(alignedFace));
        }
        var input = new DenseTensor<float>([1, 3, ArcFaceReference.Size, ArcFaceReference.Size]);
        TensorFill.NormalisedPlanes(alignedFace, input.Buffer.Span, ArcFaceReference.Size, ArcFaceReference.Size);
        using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var vector = outputs[0].AsEnumerable<float>().ToArray();
        if (vector.Length != FaceTemplate.Dimensions)
        {
            throw new InvalidOperationException($"The embedder returned {vector.Length} values, not {FaceTemplate.Dimensions}.");
        }
        return vector;
    }

    /// <summary>Left–right mirror; the ArcFace reference points are symmetric to within 0.2 px, so the mirror is aligned too.</summary>
    private static RgbImage Mirror(RgbImage image)
    {
        var mirrored = new RgbImage(image.Width, image.Height);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image.Pixels.AsSpan(image.OffsetOf(image.Width - 1 - x, y), RgbImage.Channels).CopyTo(mirrored.Pixels.AsSpan(mirrored.OffsetOf(x, y)));
            }
        }
        return mirrored;
    }

    public void Dispose() => session.Dispose();
}
