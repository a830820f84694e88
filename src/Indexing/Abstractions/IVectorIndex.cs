namespace Grid.Indexing;

/// <summary>
/// An in-memory index of fixed-dimension float32 vectors keyed by 64-bit ids, searched by inner
/// product (vectors are L2-normalised by the caller, so inner product is cosine similarity).
/// Implementations: <c>exact</c> (managed SIMD scan), <c>exact-int8</c> (int8 scan, exact re-rank) and
/// <c>faiss:FACTORY</c> (the native shim).
/// </summary>
public interface IVectorIndex : IDisposable
{
    /// <summary>The engine spec this index was created from, e.g. <c>exact</c> or <c>faiss:IDMap2,Flat</c>.</summary>
    string Spec { get; }

    int Dimension { get; }

    /// <summary>Vectors currently searchable (including any held back while waiting for training).</summary>
    long Count { get; }

    /// <summary>Approximate bytes held by the index (vectors, ids and engine structures).</summary>
    long MemoryBytes { get; }

    /// <summary>False while an engine that needs training (IVF, PQ) is still collecting vectors;
    /// those vectors are searched exactly until training happens.</summary>
    bool IsTrained { get; }

    /// <summary>Human-readable training state, e.g. how many more vectors are needed; null when
    /// the engine needs no training.</summary>
    string? TrainingNote { get; }

    /// <summary>Adds <paramref name="ids"/>.Length vectors, row-major in <paramref name="vectors"/>.
    /// Ids must be new; the call adds all or nothing.</summary>
    void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids);

    /// <summary>Removes the given ids; returns how many were present.</summary>
    int Remove(ReadOnlySpan<long> ids);

    /// <summary>Top-<paramref name="k"/> by inner product for each row of <paramref name="queries"/>,
    /// best first. Safe to call concurrently with other searches.</summary>
    SearchHits[] Search(ReadOnlySpan<float> queries, int k);

    /// <summary>Writes the whole index (vectors and ids) so that <see cref="VectorIndexFactory.Load"/>
    /// rebuilds one that answers identically.</summary>
    void Save(Stream destination);
}
