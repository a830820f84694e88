namespace Grid.Indexing.Tests;

/// <summary>The cache-blocked batch path (row blocks × probe tiles, parallel above a threshold) must give
/// each probe exactly what a single-probe search gives: same ids, bit-identical scores.</summary>
public sealed class BatchTests
{
    private const int Dimension = 72;
    private const int Rows = 3_001;

    public static TheoryData<string, int, int> Cases()
    {
        var cases = new TheoryData<string, int, int>();
        foreach (var spec in new[] { "exact", "exact-int8", "exact-int8?rerank=codes" })
            foreach (var (batch, k) in new[] { (1, 1), (2, 10), (3, 5), (4, 10), (5, 50), (7, 3), (17, 10), (64, 20), (101, 7), (200, 10) })
                cases.Add(spec, batch, k);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_batch_returns_what_each_probe_returns_alone(string spec, int batch, int k)
    {
        // 3 001 rows: not a multiple of any tile, and row × probe pairs cross the parallel threshold for
        // batches of 17 and more, so the batch is split over cores while the single probes are not.
        using var index = TestData.Filled(spec, TestData.Uniform(Rows, Dimension, seed: 91), TestData.Ids(Rows), Dimension);
        index.Remove(TestData.Ids(Rows).Where((_, i) => i % 11 == 0).ToArray());
        var queries = TestData.Uniform(batch, Dimension, seed: 92 + batch);

        var hits = index.Search(queries, k);

        Assert.Equal(batch, hits.Length);
        for (var q = 0; q < batch; q++)
        {
            var alone = index.Search(TestData.Row(queries, Dimension, q), k)[0];
            Assert.Equal(alone.Ids, hits[q].Ids);
            Assert.Equal(alone.Scores, hits[q].Scores);
        }
    }
}
