namespace Grid.Indexing.Tests;

/// <summary>Engine specs that the engine-agnostic tests run against. IVF with nprobe = nlist scans
/// every list, so it answers exactly and can be compared like the exact engines.</summary>
public static class EngineSpecs
{
    /// <summary>Engines that support removal.</summary>
    public static TheoryData<string> Removable => new()
    {
        "exact",
        "exact-int8",
        "exact-int8?rerank=float32",
        "exact-int8?rerank=codes",
        "faiss:IDMap2,Flat",
        "faiss:Flat",
        // Trains at 39 × 4 = 156 vectors: the tests' data sets train it.
        "faiss:IVF4,Flat?nprobe=4",
        // Trains at 39 × 64 = 2 496 vectors: the tests' data sets leave it in the pending (untrained) state.
        "faiss:IVF64,Flat?nprobe=64",
    };

    public static TheoryData<string> All
    {
        get
        {
            var all = Removable;
            all.Add("faiss:HNSW32");
            return all;
        }
    }
}
