namespace Grid.Indexing;

/// <summary>
/// An index that keeps every row exactly as float32 and can hand rows back by id, so another engine can be built
/// from it (a shard's re-index reads its rows from the index that keeps serving). Engines whose stored rows are
/// lossy (int8 codes, float16, PQ) do not implement it.
/// </summary>
public interface IRowSource
{
    /// <summary>The ids present now, in no particular order.</summary>
    long[] Ids();

    /// <summary>Copies the rows of those <paramref name="ids"/> still present into <paramref name="vectors"/>
    /// (row-major, in order) and their ids into <paramref name="copied"/>; returns how many were copied.</summary>
    int CopyRows(ReadOnlySpan<long> ids, Span<float> vectors, Span<long> copied);
}
