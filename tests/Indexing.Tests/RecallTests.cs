using Grid.Indexing.Synthetic;

namespace Grid.Indexing.Tests;

/// <summary>
/// Approximate engines on identity-clustered 512-d data (1 000 identities × 10 enrolled photos,
/// genuine cosine ≈ 0.69, impostor ≈ 0.01, like the real embedder). Each probe is a fresh photo of
/// an enrolled identity, so the exact top-10 is its ten enrolled photos. Recall@10 = share of the
/// exact top-10 ids that the engine returns.
/// </summary>
public sealed class RecallTests
{
    private const int Dimension = 512;
    private const int Identities = 1_000;
    private const int Photos = 10;
    private const int Probes = 100;

    private static readonly Lazy<(float[] Vectors, long[] Ids, float[] Probes, SearchHits[] Exact)> Data = new(() =>
    {
        var generator = new SyntheticTemplates(Dimension, seed: 71);
        var (vectors, _, centres) = generator.IdentityClustered(Identities, Photos);
        var probes = new float[Probes * Dimension];
        for (var p = 0; p < Probes; p++)
            generator.Photos(centres.AsSpan(p * 7 * Dimension, Dimension), 1).CopyTo(probes.AsSpan(p * Dimension));
        var ids = TestData.Ids(Identities * Photos);
        using var exact = TestData.Filled("exact", vectors, ids, Dimension);
        return (vectors, ids, probes, exact.Search(probes, 10));
    });

    [Theory]
    // 10 000 vectors train every engine below (IVF256: 39 × 256 = 9 984). Thresholds sit below the
    // values seen with these seeds (noted per row) and far above what a broken engine gives
    // (random ids ≈ 0.001; uniform data, the hard case, gives HNSW32 ≈ 0.37 per DESIGN.md).
    // IVF256 nprobe=32: a photo's mates share its centre, so they sit in the probe's nearest cells (seen 1.000).
    [InlineData("faiss:IVF256,Flat?nprobe=32", 0.95)]
    // HNSW32 efSearch=64: the graph links mates to each other; clustered data is its easy case (seen 1.000).
    [InlineData("faiss:HNSW32?efSearch=64", 0.95)]
    // PQ with 32 four-bit sub-quantizers (16 bytes a vector, 128× smaller): mates (≈0.69) stay far above
    // impostors (≈0.01) after quantisation but near-equal mates may swap with the 11th hit (seen 0.995).
    // Four-bit codes keep PQ training to seconds; PQ32 with 8 bits took minutes on 2 cores.
    [InlineData("faiss:IVF64,PQ32x4?nprobe=16", 0.90)]
    public void Approximate_engines_meet_recall_at_10_on_identity_clustered_data(string spec, double threshold)
    {
        var (vectors, ids, probes, exact) = Data.Value;
        using var index = TestData.Filled(spec, vectors, ids, Dimension);
        Assert.True(index.IsTrained, index.TrainingNote);

        var hits = index.Search(probes, 10);

        var recall = hits.Zip(exact, (h, e) => h.Ids.Intersect(e.Ids).Count() / 10.0).Average();
        Assert.True(recall >= threshold, $"{spec}: recall@10 {recall:F3} < {threshold}");
    }
}
