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
        Span<double> norms = rows <= 1024 ? stackalloc double[rows] : new double[rows];
        for (var r = 0; r < rows; r++)
            norms[r] = NormOf(vectors.AsSpan(r * Dimension, Dimension), r);
        for (var r = 0; r < rows; r++)
        {
            var row = vectors.AsSpan(r * Dimension, Dimension);
            if (MathF.Abs((float)norms[r] - 1f) <= 1e-6f) continue; // as before: unit rows keep their exact bytes
            if (norms[r] <= float.MaxValue)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(row, (float)norms[r], row);
            }
            else
            {
                // Huge but finite values: the norm itself does not fit a float (dividing by infinity would
                // leave a zero vector), so divide in double.
                for (var i = 0; i < row.Length; i++) row[i] = (float)(row[i] / norms[r]);
            }
        }
    }

    /// <summary>Throws <see cref="Errors.InvalidTemplateException"/> when the row holds NaN or infinity or is (nearly)
    /// zero — the checks <see cref="ValidateAndNormalise"/> makes, for a caller that validates rows as they stream.</summary>
    public static void Check(ReadOnlySpan<float> row, int index) => NormOf(row, index);

    private static double NormOf(ReadOnlySpan<float> row, int index)
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
        return norm;
    }

    /// <summary>The given rows of a flattened block, in that order, as a new flattened block.</summary>
    public static float[] Gather(float[] vectors, IReadOnlyList<int> rows)
    {
        var result = new float[rows.Count * Dimension];
        for (var j = 0; j < rows.Count; j++)
            vectors.AsSpan(rows[j] * Dimension, Dimension).CopyTo(result.AsSpan(j * Dimension));
        return result;
    }
}
