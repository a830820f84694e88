namespace Grid.Indexing.Tests;

/// <summary>Removal, re-adding and save/load, for every engine.</summary>
public sealed class LifecycleTests
{
    private const int Dimension = 32;

    [Theory]
    [MemberData(nameof(EngineSpecs.Removable), MemberType = typeof(EngineSpecs))]
    public void Removed_ids_are_never_returned_and_can_be_added_again(string spec)
    {
        var vectors = TestData.Uniform(400, Dimension, seed: 31);
        var ids = TestData.Ids(400);
        using var index = TestData.Filled(spec, vectors, ids, Dimension);
        var removed = ids.Take(50).ToArray();

        Assert.Equal(50, index.Remove([.. removed, 999_999]));
        Assert.Equal(350, index.Count);
        Assert.Equal(0, index.Remove(removed));
        // Each removed vector queried directly: it would be its own best match if it were still there.
        var hits = index.Search(vectors.AsSpan(0, 50 * Dimension), 400);
        Assert.All(hits, h => Assert.Empty(h.Ids.Intersect(removed)));
        Assert.All(hits, h => Assert.Equal(350, h.Count));

        index.Add(vectors.AsSpan(0, Dimension), [removed[0]]);
        Assert.Equal(351, index.Count);
        Assert.Equal(removed[0], index.Search(vectors.AsSpan(0, Dimension), 1)[0].Ids[0]);
    }

    [Theory]
    [MemberData(nameof(EngineSpecs.All), MemberType = typeof(EngineSpecs))]
    public void Save_then_load_answers_identically(string spec)
    {
        var vectors = TestData.Uniform(300, Dimension, seed: 41);
        var ids = TestData.Ids(300);
        using var index = TestData.Filled(spec, vectors, ids, Dimension);
        if (!spec.Contains("HNSW")) index.Remove(ids.Where((_, i) => i % 7 == 0).ToArray());
        var queries = TestData.Uniform(10, Dimension, seed: 42);

        using var loaded = VectorIndexFactory.Load(new MemoryStream(TestData.Saved(index)));

        Assert.Equal(index.Spec, loaded.Spec);
        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(index.IsTrained, loaded.IsTrained);
        var before = index.Search(queries, 15);
        var after = loaded.Search(queries, 15);
        for (var q = 0; q < before.Length; q++)
        {
            Assert.Equal(before[q].Ids, after[q].Ids);
            Assert.Equal(before[q].Scores, after[q].Scores);
        }
    }

    [Theory]
    [MemberData(nameof(EngineSpecs.All), MemberType = typeof(EngineSpecs))]
    public void Empty_index_returns_empty_hits(string spec)
    {
        using var index = VectorIndexFactory.Create(spec, Dimension);
        var hits = index.Search(new float[2 * Dimension], 5);
        Assert.Equal(2, hits.Length);
        Assert.All(hits, h => Assert.Equal(0, h.Count));
    }
}
