namespace Grid.Indexing;

/// <summary>Vectors or queries whose length does not fit the index dimension.</summary>
public sealed class DimensionMismatchException(int expected, string detail)
    : VectorIndexException($"Dimension mismatch: the index holds {expected}-d vectors; {detail}")
{
    public int Expected { get; } = expected;
}
