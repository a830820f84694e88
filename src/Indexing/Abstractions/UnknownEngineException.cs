namespace Grid.Indexing;

/// <summary>The engine spec names no known engine or is malformed.</summary>
public sealed class UnknownEngineException(string spec, string reason)
    : VectorIndexException($"Unknown or malformed index engine spec '{spec}': {reason}. {ValidForms}")
{
    public const string ValidForms =
        "Valid specs: 'exact' (float32 managed SIMD scan), 'exact-int8' (the default for new galleries: int8 scan re-ranked exactly; " +
        "'exact-int8?rerank=float16|float32|codes' picks the re-rank copy), or 'faiss:<FAISS index_factory string>' " +
        "optionally followed by search parameters '?nprobe=N' (IVF) and/or '?efSearch=N' (HNSW), joined with '&'; " +
        "e.g. 'faiss:IDMap2,Flat', 'faiss:IVF1024,Flat?nprobe=32', 'faiss:HNSW32?efSearch=128', 'faiss:IVF4096,PQ64'.";

    public string Spec { get; } = spec;
}
