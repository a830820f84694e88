using Grid.Indexing.Synthetic;

namespace Grid.Bench;

/// <summary>
/// The benchmark's gallery and probes, generated the same way for the in-process engines and for the grid:
/// uniform random unit vectors from <see cref="SyntheticTemplates"/>, gallery from the seed and probes from
/// seed + 1. The generator's output depends on how many rows each call asks for, so the gallery is always
/// drawn in chunks of <see cref="Chunk"/> rows.
/// </summary>
public static class BenchData
{
    public const int Chunk = 50_000;

    /// <summary>Row i of the gallery gets id i.</summary>
    public static IEnumerable<(long FirstId, int Count, float[] Vectors)> Gallery(BenchmarkOptions options, int size)
    {
        var generator = new SyntheticTemplates(options.Dimension, options.Seed);
        for (var first = 0; first < size; first += Chunk)
        {
            var count = Math.Min(Chunk, size - first);
            yield return (first, count, generator.Uniform(count));
        }
    }

    public static float[] Probes(BenchmarkOptions options) =>
        new SyntheticTemplates(options.Dimension, options.Seed + 1).Uniform(options.Probes);

    /// <summary>The subjectRef the grid knows gallery row <paramref name="id"/> by.</summary>
    public static string SubjectRef(long id) => $"bench-{id:D8}";

    public static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
