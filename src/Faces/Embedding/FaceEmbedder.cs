using System.Numerics.Tensors;
using Grid.Faces.Alignment;
using Grid.Faces.Imaging;
using Grid.Faces.Models;
using Grid.Faces.Onnx;
using Grid.Faces.Pipeline;
using Microsoft.ML.OnnxRuntime;

namespace Grid.Faces.Embedding;

/// <summary>
/// Runs fr_feature.onnx on an aligned 112×112 RGB crop, (px − 127) / 128, and L2-normalises the 512
/// outputs. The model's batch dimension is fixed at 1, so faces are embedded one at a time.
/// </summary>
public sealed class FaceEmbedder : IDisposable
{
    private static readonly long[] InputShape = [1, 3, ArcFaceReference.Size, ArcFaceReference.Size];

    [ThreadStatic]
    private static float[]? inputBuffer;

    private readonly OnnxModel model;

    public FaceEmbedder(string modelPath, ModelId modelId, SessionOptions sessionOptions)
    {
        model = new OnnxModel(modelPath, sessionOptions);
        ModelId = modelId;
    }

    public ModelId ModelId { get; }

    /// <summary>The template of an aligned crop; with <paramref name="mirrorAverage"/>, of the crop and its mirror image averaged.</summary>
    public FaceTemplate Embed(RgbImage alignedFace, bool mirrorAverage = false) => Embed(alignedFace, mirrorAverage, null);

    internal FaceTemplate Embed(RgbImage alignedFace, bool mirrorAverage, StageClock? clock)
    {
        var vector = Run(alignedFace);
        clock?.Lap("embedding");
        if (mirrorAverage)
        {
            TensorPrimitives.Add(vector, Run(Mirror(alignedFace)), vector);
            clock?.Lap("mirror embedding");
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
        var input = inputBuffer ??= new float[3 * ArcFaceReference.Size * ArcFaceReference.Size];
        TensorFill.NormalisedPlanes(alignedFace, input, ArcFaceReference.Size, ArcFaceReference.Size);
        using var outputs = model.Run(input, InputShape);
        var vector = outputs[0].GetTensorDataAsSpan<float>().ToArray();
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

    public void Dispose() => model.Dispose();
}
