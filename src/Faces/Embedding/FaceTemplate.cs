using Grid.Faces.Models;

namespace Grid.Faces.Embedding;

/// <summary>A 512-float L2-normalised face embedding and the model that produced it.</summary>
public sealed record FaceTemplate(float[] Vector, ModelId ModelId)
{
    public const int Dimensions = 512;

    /// <summary>Cosine similarity; refuses templates of different models, whose scores mean nothing.</summary>
    public float Similarity(FaceTemplate other)
    {
        if (other.ModelId != ModelId)
        {
            throw new InvalidOperationException($"Cannot compare a {ModelId} template with a {other.ModelId} template.");
        }
        return System.Numerics.Tensors.TensorPrimitives.Dot<float>(Vector, other.Vector);
    }
}
