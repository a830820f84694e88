namespace Grid.Indexing.Tests;

public sealed class ExactEngineTests
{
    // 100 is not a multiple of the 8-float SIMD width, so the scalar tail is exercised too.
    private const int Dimension = 100;

    [Fact]
    public void Single_and_batch_queries_match_the_oracle_exactly_after_removes()
    {
        var vectors = TestData.Uniform(3_000, Dimension, seed: 11);
        var ids = TestData.Ids(3_000);
        var oracle = new BruteForceOracle(Dimension);
        oracle.Add(vectors, ids);
        using var index = TestData.Filled("exact", vectors, ids, Dimension);
        var removed = ids.Where((_, i) => i % 5 == 0).ToArray();
        Assert.Equal(removed.Length, index.Remove(removed));
        oracle.Remove(removed);
        var queries = TestData.Uniform(13, Dimension, seed: 12);

        var batch = index.Search(queries, 10);
        for (var q = 0; q < 13; q++)
        {
            var query = TestData.Row(queries, Dimension, q);
            var expected = oracle.Search(query, 10);
            var single = index.Search(query, 10)[0];
            Assert.Equal(expected.Select(e => e.Id), single.Ids);
            Assert.Equal(expected.Select(e => e.Id), batch[q].Ids);
            Assert.Equal(single.Scores, batch[q].Scores);
            for (var i = 0; i < 10; i++) Assert.Equal(expected[i].Score, single.Scores[i], 1e-5);
        }
    }

    [Fact]
    public void Parallel_scan_over_a_large_index_matches_the_oracle()
    {
        const int dimension = 24;
        var count = (int)Exact.ExactVectorIndex.ParallelRows + 10_001;
        var vectors = TestData.Uniform(count, dimension, seed: 21);
        var ids = TestData.Ids(count);
        var oracle = new BruteForceOracle(dimension);
        oracle.Add(vectors, ids);
        using var index = TestData.Filled("exact", vectors, ids, dimension);
        var queries = TestData.Uniform(6, dimension, seed: 22);

        var hits = index.Search(queries, 20);

        for (var q = 0; q < 6; q++)
            Assert.Equal(oracle.Search(TestData.Row(queries, dimension, q), 20).Select(e => e.Id), hits[q].Ids);
    }

    [Fact]
    public void Equal_scores_rank_the_lower_id_first()
    {
        using var index = VectorIndexFactory.Create("exact", 8);
        var same = new float[] { 1, 0, 0, 0, 0, 0, 0, 0 };
        index.Add([.. same, .. same, .. same], [30, 10, 20]);

        Assert.Equal([10L, 20L], index.Search(same, 2)[0].Ids);
    }

    [Fact]
    public void Grows_past_a_chunk_and_shrinks_back_without_losing_rows()
    {
        // 4096-d rows make a 256 MiB chunk hold 16 384 rows; 16 500 rows need a second chunk.
        const int dimension = 4096;
        const int count = 16_500;
        using var index = VectorIndexFactory.Create("exact", dimension);
        var vectors = new float[count * dimension];
        for (var i = 0; i < count; i++) vectors[i * dimension + i % dimension] = 1 + i / (float)count;
        index.Add(vectors, TestData.Ids(count, first: 0).Select(x => x / 7).ToArray());

        Assert.Equal(count - 1, index.Search(TestData.Row(vectors, dimension, count - 1), 1)[0].Ids[0]);
        Assert.Equal(200, index.Remove(Enumerable.Range(count - 200, 200).Select(i => (long)i).ToArray()));
        Assert.Equal(count - 200, index.Count);
        // Rows 5, 4101, 8197, 12293 share a direction (16389 was removed); larger i has the larger norm.
        Assert.Equal([12_293L, 8_197L, 4_101L, 5L], index.Search(TestData.Row(vectors, dimension, 5), 4)[0].Ids);
    }
}
