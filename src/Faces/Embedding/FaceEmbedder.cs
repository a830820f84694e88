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

    public FaceTemplate Embed(RgbImage alignedFace)
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
        var norm = TensorPrimitives.Norm<float>(vector);
        if (!(norm > 0) || !float.IsFinite(norm))
        {
            throw new InvalidOperationException("The embedder returned a zero or non-finite vector.");
        }
        TensorPrimitives.Divide(vector, norm, vector);
        return new FaceTemplate(vector, ModelId);
    }

    public void Dispose() => session.Dispose();
}
