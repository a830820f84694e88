namespace Grid.Indexing.Tests;

public sealed class FaissEngineTests
{
    private const int Dimension = 64;

    [Fact]
    public void IDMap2_Flat_returns_the_oracle_ids_after_removes()
    {
        var vectors = TestData.Uniform(2_000, Dimension, seed: 61);
        var ids = TestData.Ids(2_000);
        var oracle = new BruteForceOracle(Dimension);
        oracle.Add(vectors, ids);
        using var index = TestData.Filled("faiss:IDMap2,Flat", vectors, ids, Dimension);
        var removed = ids.Where((_, i) => i % 3 == 0).ToArray();
        index.Remove(removed);
        oracle.Remove(removed);
        var queries = TestData.Uniform(10, Dimension, seed: 62);

        var hits = index.Search(queries, 10);

        for (var q = 0; q < 10; q++)
        {
            var expected = oracle.Search(TestData.Row(queries, Dimension, q), 10);
            Assert.Equal(expected.Select(e => e.Id), hits[q].Ids);
            for (var i = 0; i < 10; i++) Assert.Equal(expected[i].Score, hits[q].Scores[i], 1e-5);
        }
    }

    [Fact]
    public void Untrained_index_holds_vectors_searches_them_exactly_and_trains_at_the_documented_count()
    {
        // IVF16 needs 39 × 16 = 624 vectors; nprobe = 16 keeps the trained index exact for comparison.
        var vectors = TestData.Uniform(700, Dimension, seed: 63);
        var ids = TestData.Ids(700);
        var oracle = new BruteForceOracle(Dimension);
        using var index = VectorIndexFactory.Create("faiss:IVF16,Flat?nprobe=16", Dimension);
        var query = TestData.Uniform(1, Dimension, seed: 64);

        index.Add(vectors.AsSpan(0, 600 * Dimension), ids.AsSpan(0, 600));
        oracle.Add(vectors.AsSpan(0, 600 * Dimension), ids.AsSpan(0, 600));
        Assert.False(index.IsTrained);
        Assert.Contains("24 more needed", index.TrainingNote);
        Assert.Equal(oracle.Search(query, 10).Select(e => e.Id), index.Search(query, 10)[0].Ids);

        // Round trip in the pending state, then train the loaded copy.
        using var loaded = VectorIndexFactory.Load(new MemoryStream(TestData.Saved(index)));
        Assert.False(loaded.IsTrained);
        Assert.Equal(600, loaded.Count);
        loaded.Add(vectors.AsSpan(600 * Dimension), ids.AsSpan(600));
        oracle.Add(vectors.AsSpan(600 * Dimension), ids.AsSpan(600));

        Assert.True(loaded.IsTrained);
        Assert.Equal(700, loaded.Count);
        Assert.Equal(oracle.Search(query, 10).Select(e => e.Id), loaded.Search(query, 10)[0].Ids);
    }

    [Theory]
    [InlineData("faiss:IVF,Nonsense")]
    [InlineData("faiss:PQ7")] // 64 is not divisible into 7 sub-vectors
    [InlineData("faiss:Flat?nprobe=4")] // nprobe applies only to IVF
    public void Bad_factory_strings_raise_FaissException_with_the_native_message(string spec)
    {
        var error = Assert.Throws<FaissException>(() => VectorIndexFactory.Create(spec, Dimension));
        Assert.False(string.IsNullOrWhiteSpace(error.NativeMessage));
        Assert.Throws<FaissException>(() => VectorIndexFactory.Validate(spec, Dimension));
        VectorIndexFactory.Validate(spec); // syntax alone is fine: only FAISS knows its factory grammar
    }

    [Fact]
    public void HNSW_removal_is_a_clear_error_and_leaves_the_index_intact()
    {
        using var index = TestData.Filled("faiss:HNSW32", TestData.Uniform(100, Dimension, seed: 65), TestData.Ids(100), Dimension);

        var error = Assert.Throws<FaissException>(() => index.Remove([TestData.Ids(100)[0]]));

        Assert.Contains("cannot remove", error.Message);
        Assert.Equal(100, index.Count);
    }
}
