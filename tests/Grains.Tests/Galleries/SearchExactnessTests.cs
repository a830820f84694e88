using Grid.Contracts.Galleries;
using Grid.Contracts.Search;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>The coordinator's answer over a 4-shard gallery equals a brute-force scan of every template.</summary>
[Collection(GalleryClusterCollection.Name)]
public sealed class SearchExactnessTests(GalleryClusterFixture grid)
{
    private const float ScoreTolerance = 1e-5f; // float dot of unit vectors vs the double-precision oracle

    private static readonly SemaphoreSlim BigLock = new(1, 1);
    private static (GalleryId Id, GalleryOracle Oracle, string[] Refs, float[] Vectors)? _big;

    /// <summary>
    /// 2400 subjects with one template and 200 with three correlated templates (3000 templates, 2600
    /// subjects) over 4 shards; built once for the class (storage keeps it across restarts).
    /// </summary>
    private async Task<(GalleryId Id, GalleryOracle Oracle, string[] Refs, float[] Vectors)> BigGalleryAsync()
    {
        await BigLock.WaitAsync();
        try
        {
            if (_big is { } big) return big;
            var id = new GalleryId("NL-KLPD", "exactness");
            await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 4));
            var singles = Vectors.Unit(2400, seed: 101);
            var refs = Enumerable.Range(0, 2400).Select(i => $"S-{i:D5}").ToList();
            var rows = new List<float[]> { singles };
            var centres = Vectors.Unit(200, seed: 102);
            for (var m = 0; m < 200; m++)
                for (var t = 0; t < 3; t++)
                {
                    refs.Add($"M-{m:D4}");
                    rows.Add(Vectors.Near(Vectors.Row(centres, m), noise: 0.8f, seed: 10_000 + m * 3 + t));
                }
            var vectors = Vectors.Concat([.. rows]);
            var oracle = new GalleryOracle();
            oracle.Add([.. refs], vectors);
            var result = await grid.EnrolAllAsync(id, [.. refs], vectors);
            Assert.Equal(new EnrolResult(3000, 0), result);
            _big = (id, oracle, [.. refs], vectors);
            return _big.Value;
        }
        finally
        {
            BigLock.Release();
        }
    }

    [Fact]
    public async Task Ranked_subjects_and_scores_equal_a_brute_force_scan()
    {
        var (id, oracle, _, vectors) = await BigGalleryAsync();
        Assert.Equal((3000L, 2600L), await grid.CountsAsync(id));

        // Probes: near enrolled templates (a genuine-like match exists) and pure random ones (all impostors).
        var probes = Enumerable.Range(0, 6).Select(i => Vectors.Near(Vectors.Row(vectors, i * 431), noise: 1.0f, seed: 200 + i))
            .Concat(Enumerable.Range(0, 6).Select(i => Vectors.Unit(1, seed: 300 + i)));
        foreach (var probe in probes)
            foreach (var k in new[] { 1, 10, 100 })
                AssertSameAsOracle(oracle.Search(probe, k), await grid.SearchAsync(id, probe, k));
    }

    [Fact]
    public async Task A_subject_with_several_templates_is_one_candidate_at_its_best_template()
    {
        var (id, oracle, refs, vectors) = await BigGalleryAsync();
        for (var m = 0; m < 5; m++)
        {
            var row = 2400 + m * 3 + 1; // the middle template of multi-template subject m
            var probe = Vectors.Near(Vectors.Row(vectors, row), noise: 0.3f, seed: 400 + m);
            var response = await grid.SearchAsync(id, probe, 50);
            AssertSameAsOracle(oracle.Search(probe, 50), response);
            Assert.Equal(refs[row], response.Candidates[0].SubjectRef);
            var best = Enumerable.Range(2400 + m * 3, 3).Max(r => Vectors.Dot(probe, Vectors.Row(vectors, r)));
            Assert.Equal(best, response.Candidates[0].Score, ScoreTolerance);
            Assert.Equal(response.Candidates.Length, response.Candidates.Select(c => c.SubjectRef).Distinct().Count());
        }
    }

    [Fact]
    public async Task Min_score_keeps_exactly_the_candidates_at_or_above_it()
    {
        var (id, oracle, _, vectors) = await BigGalleryAsync();
        var probe = Vectors.Near(Vectors.Row(vectors, 2400 + 30), noise: 0.9f, seed: 500);
        foreach (var minScore in new[] { 0.1f, 0.13f, 0.3f })
        {
            var expected = oracle.Search(probe, 1000, minScore);
            // The threshold must not sit within float error of a score, or the oracle itself is ambiguous.
            Assert.DoesNotContain(oracle.Search(probe, 3000), h => Math.Abs(h.Score - minScore) < 1e-4);
            var response = await grid.SearchAsync(id, probe, 1000, minScore);
            AssertSameAsOracle(expected, response);
            Assert.All(response.Candidates, c => Assert.True(c.Score >= minScore));
        }
        Assert.NotEmpty(oracle.Search(probe, 1000, 0.3f)); // the strict threshold still keeps the genuine match
        Assert.True(oracle.Search(probe, 1000, 0.1f).Length > oracle.Search(probe, 1000, 0.13f).Length);
    }

    [Fact]
    public async Task K_larger_than_the_gallery_returns_every_subject_ranked()
    {
        var id = new GalleryId("NL-KLPD", "tiny");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 4));
        var vectors = Vectors.Unit(20, seed: 600);
        var refs = Enumerable.Range(0, 20).Select(i => $"T-{i:D2}").ToArray();
        await grid.EnrolAsync(id, refs, vectors);
        var oracle = new GalleryOracle();
        oracle.Add(refs, vectors);

        var probe = Vectors.Unit(1, seed: 601);
        var response = await grid.SearchAsync(id, probe, SearchRequest.MaxK);
        Assert.Equal(20, response.Candidates.Length);
        AssertSameAsOracle(oracle.Search(probe, SearchRequest.MaxK), response);
        Assert.Equal(Enumerable.Range(1, 20), response.Candidates.Select(c => c.Rank));
        Assert.True(response.Coverage.Complete);
        Assert.Equal(4, response.Coverage.Asked);
    }

    [Fact]
    public async Task A_subject_crowding_the_shard_with_templates_does_not_hide_other_subjects()
    {
        // 40 templates of one subject all nearer the probe than anything else: the shard must look past them.
        var id = new GalleryId("NL-KLPD", "crowded");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 1));
        var centre = Vectors.Unit(1, seed: 700);
        var crowd = Vectors.Concat([.. Enumerable.Range(0, 40).Select(i => Vectors.Near(centre, 0.2f, seed: 710 + i))]);
        var others = Vectors.Unit(100, seed: 701);
        var refs = Enumerable.Repeat("CROWD", 40).Concat(Enumerable.Range(0, 100).Select(i => $"O-{i:D3}")).ToArray();
        var vectors = Vectors.Concat(crowd, others);
        await grid.EnrolAsync(id, refs, vectors);
        var oracle = new GalleryOracle();
        oracle.Add(refs, vectors);

        var response = await grid.SearchAsync(id, centre, 5);
        Assert.Equal(5, response.Candidates.Length);
        Assert.Equal("CROWD", response.Candidates[0].SubjectRef);
        AssertSameAsOracle(oracle.Search(centre, 5), response);
    }

    [Fact]
    public async Task A_faiss_flat_gallery_gives_the_same_top_k_as_exact()
    {
        var exact = new GalleryId("DE-BKA", "engine-exact");
        var faiss = new GalleryId("DE-BKA", "engine-faiss");
        await grid.CreateAsync(exact, GalleryClusterFixture.Config(shards: 2));
        await grid.CreateAsync(faiss, GalleryClusterFixture.Config(shards: 2, engine: "faiss:IDMap2,Flat"));
        var vectors = Vectors.Unit(1000, seed: 800);
        var refs = Enumerable.Range(0, 1000).Select(i => $"F-{i:D4}").ToArray();
        await grid.EnrolAllAsync(exact, refs, vectors);
        await grid.EnrolAllAsync(faiss, refs, vectors);
        Assert.Equal(await grid.CountsAsync(exact), await grid.CountsAsync(faiss));

        for (var p = 0; p < 5; p++)
        {
            var probe = p % 2 == 0 ? Vectors.Near(Vectors.Row(vectors, p * 97), 1.0f, seed: 810 + p) : Vectors.Unit(1, seed: 810 + p);
            var a = await grid.SearchAsync(exact, probe, 20);
            var b = await grid.SearchAsync(faiss, probe, 20);
            Assert.Equal(a.Candidates.Select(c => c.SubjectRef), b.Candidates.Select(c => c.SubjectRef));
            for (var i = 0; i < a.Candidates.Length; i++) Assert.Equal(a.Candidates[i].Score, b.Candidates[i].Score, ScoreTolerance);
        }
    }

    internal static void AssertSameAsOracle((string SubjectRef, double Score)[] expected, SearchResponse response)
    {
        Assert.True(response.Coverage.Complete, $"coverage: {response.Coverage.Answered}/{response.Coverage.Asked}");
        Assert.Equal(expected.Select(e => e.SubjectRef), response.Candidates.Select(c => c.SubjectRef));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Score, response.Candidates[i].Score, ScoreTolerance);
            Assert.Equal(i + 1, response.Candidates[i].Rank);
        }
    }

    [Fact]
    public async Task Concurrent_searches_which_may_share_shard_passes_answer_as_each_does_alone()
    {
        // Sent together, they reach each shard while it scans and join batched passes (ShardSearchBatcher);
        // each keeps its own k and min score. Whether they batched is up to timing; what they answer is not.
        var (id, _, _, vectors) = await BigGalleryAsync();
        var queries = Enumerable.Range(0, 32)
            .Select(i => (Probe: Vectors.Near(Vectors.Row(vectors, i * 89), noise: 1.0f, seed: 700 + i), K: 1 + i % 25, Min: i % 3 == 0 ? 0.1f : -1f))
            .ToArray();
        var alone = new List<string[]>();
        foreach (var q in queries) alone.Add(Lines(await grid.SearchAsync(id, q.Probe, q.K, q.Min)));
        var together = await Task.WhenAll(queries.Select(q => grid.SearchAsync(id, q.Probe, q.K, q.Min)));
        for (var i = 0; i < queries.Length; i++) Assert.Equal(alone[i], Lines(together[i]));

        static string[] Lines(SearchResponse response)
        {
            Assert.True(response.Coverage.Complete);
            return [.. response.Candidates.Select(c => $"{c.Rank} {c.SubjectRef} {c.Score:R}")];
        }
    }
}
