namespace Grid.Contracts.Templates;

/// <summary>What a template must be: <see cref="Dimension"/> finite floats with a non-zero norm.
/// Templates that are not unit length are normalised (scores are then cosine similarities).</summary>
public static class TemplateRules
{
    public const int Dimension = 512;

    /// <summary>Checks every row of a flattened block and normalises it in place. Throws
    /// <see cref="Errors.InvalidTemplateException"/> naming the first bad row; on error nothing is changed.</summary>
    public static void ValidateAndNormalise(float[] vectors, int rows)
    {
        if (vectors.Length != (long)rows * Dimension)
            throw new Errors.InvalidTemplateException(
                $"Expected {rows} templates of {Dimension} floats ({(long)rows * Dimension} values) but got {vectors.Length} values.");
        Span<float> norms = rows <= 1024 ? stackalloc float[rows] : new float[rows];
        for (var r = 0; r < rows; r++)
            norms[r] = NormOf(vectors.AsSpan(r * Dimension, Dimension), r);
        for (var r = 0; r < rows; r++)
        {
            var row = vectors.AsSpan(r * Dimension, Dimension);
            if (MathF.Abs(norms[r] - 1f) > 1e-6f)
                System.Numerics.Tensors.TensorPrimitives.Divide(row, norms[r], row);
        }
    }

    private static float NormOf(ReadOnlySpan<float> row, int index)
    {
        double sum = 0;
        foreach (var v in row)
        {
            if (!float.IsFinite(v))
                throw new Errors.InvalidTemplateException($"Template {index} contains NaN or infinity; it cannot be enrolled or searched.");
            sum += (double)v * v;
        }
        var norm = Math.Sqrt(sum);
        if (norm < 1e-12 || !double.IsFinite(norm))
            throw new Errors.InvalidTemplateException($"Template {index} is a zero vector (or nearly); it carries no face.");
        return (float)norm;
    }
}
