using Grid.Client.Files;
using Grid.Protocol.Wire;

namespace Grid.Cluster.Tests;

/// <summary>Random unit vectors with fixed seeds: every row its own subject (uniform data is right for the exact engine).</summary>
public static class Synthetic
{
    public static (string[] Subjects, TemplateSet Templates) Gallery(string prefix, int rows, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[rows * TemplateWire.Dimension];
        for (var r = 0; r < rows; r++)
        {
            var row = vectors.AsSpan(r * TemplateWire.Dimension, TemplateWire.Dimension);
            var norm = 0.0;
            for (var i = 0; i < row.Length; i++)
            {
                // Box-Muller: Gaussian components give directions uniform on the sphere.
                var g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                row[i] = (float)g;
                norm += g * g;
            }
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < row.Length; i++) row[i] *= scale;
        }
        var subjects = Enumerable.Range(0, rows).Select(i => $"{prefix}{i:D7}").ToArray();
        return (subjects, new TemplateSet(vectors, rows));
    }
}
