using Grid.Contracts.Templates;

namespace Grid.Grains.Tests.Support;

/// <summary>Seeded synthetic templates: Gaussian directions normalised to unit length.</summary>
public static class Vectors
{
    public const int Dimension = TemplateRules.Dimension;

    /// <summary><paramref name="rows"/> random unit vectors, row-major; the same seed gives the same floats.</summary>
    public static float[] Unit(int rows, int seed)
    {
        var random = new Random(seed);
        var result = new float[rows * Dimension];
        for (var r = 0; r < rows; r++) FillUnit(random, result.AsSpan(r * Dimension, Dimension));
        return result;
    }

    /// <summary>A unit vector near <paramref name="centre"/>: centre + noise of the given size, renormalised.</summary>
    public static float[] Near(ReadOnlySpan<float> centre, float noise, int seed)
    {
        var random = new Random(seed);
        var result = new float[Dimension];
        FillUnit(random, result);
        for (var i = 0; i < Dimension; i++) result[i] = centre[i] + noise * result[i];
        Normalise(result);
        return result;
    }

    public static float[] Row(float[] vectors, int row) => vectors.AsSpan(row * Dimension, Dimension).ToArray();

    public static float[] Concat(params float[][] rows) => rows.SelectMany(r => r).ToArray();

    public static float[] Scaled(float[] vector, float factor) => vector.Select(v => v * factor).ToArray();

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }

    private static void FillUnit(Random random, Span<float> row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            // Box–Muller: uniform on the sphere once normalised.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            row[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        Normalise(row);
    }

    private static void Normalise(Span<float> row)
    {
        var norm = Math.Sqrt(Dot(row, row));
        for (var i = 0; i < row.Length; i++) row[i] = (float)(row[i] / norm);
    }
}
