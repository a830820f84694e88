using Grid.Indexing.Synthetic;

namespace Grid.Indexing.Tests;

/// <summary>Fixed-seed data sets shared by the tests.</summary>
internal static class TestData
{
    public static long[] Ids(int count, long first = 1_000) =>
        Enumerable.Range(0, count).Select(i => first + 7L * i).ToArray();

    public static float[] Uniform(int count, int dimension, int seed) =>
        new SyntheticTemplates(dimension, seed).Uniform(count);

    public static float[] Row(float[] vectors, int dimension, int row) =>
        vectors.AsSpan(row * dimension, dimension).ToArray();

    public static IVectorIndex Filled(string spec, float[] vectors, long[] ids, int dimension)
    {
        var index = VectorIndexFactory.Create(spec, dimension);
        index.Add(vectors, ids);
        return index;
    }

    public static byte[] Saved(IVectorIndex index)
    {
        using var stream = new MemoryStream();
        index.Save(stream);
        return stream.ToArray();
    }
}
