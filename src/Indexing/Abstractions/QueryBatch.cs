namespace Grid.Indexing;

/// <summary>The checks every engine makes on a search call: k positive, whole rows of the index's dimension.</summary>
internal static class QueryBatch
{
    /// <summary>How many queries <paramref name="queries"/> holds; throws a typed error when it is not whole rows.</summary>
    public static int Count(ReadOnlySpan<float> queries, int dimension, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (queries.Length % dimension != 0)
            throw new DimensionMismatchException(dimension, $"got {queries.Length} query floats, not a multiple of {dimension}.");
        return queries.Length / dimension;
    }
}
