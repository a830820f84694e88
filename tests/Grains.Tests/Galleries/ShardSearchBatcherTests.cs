using Grid.Contracts.Search;
using Grid.Grains.Galleries;
using Grid.Grains.Tests.Support;
using Grid.Indexing;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>
/// Micro-batched searches over a real exact index. Passes are held at a gate the test opens, so which searches
/// share a pass is decided by the test, not by timing: searches sent while a pass is held join the next one.
/// </summary>
public sealed class ShardSearchBatcherTests : IDisposable
{
    private static readonly ShardSearchOptions NoWait = new() { MaxBatch = 32, BatchWait = TimeSpan.Zero };
    private readonly float[] _vectors = Vectors.Unit(2000, seed: 6000);
    private ShardState _state = null!;

    /// <summary>Builds the shard on <paramref name="engine"/>: each engine shares index calls differently.</summary>
    private void Build(string engine)
    {
        _state = ShardState.Empty(engine, Vectors.Dimension);
        // 1400 subjects: most with one template, some with several, and one with 300 near-copies of row 0 so that
        // queries near it need a longer fetch than the first one (they go round again inside a pass).
        var refs = Enumerable.Range(0, 2000).Select(i => $"S-{(i < 1000 ? i : 1000 + i % 400):D4}").ToArray();
        _state.Apply(_state.PlanEnrolment(refs, _vectors)!);
        var crowd = Vectors.Concat([.. Enumerable.Range(0, 300).Select(i => Vectors.Near(Vectors.Row(_vectors, 0), 0.05f, seed: 6100 + i))]);
        _state.Apply(_state.PlanEnrolment([.. Enumerable.Repeat("CROWD", 300)], crowd)!);
    }

    public void Dispose() => _state?.Dispose();

    [Theory]
    [InlineData("exact")]
    [InlineData("exact-int8")]
    [InlineData("faiss:IDMap2,Flat")]
    public async Task Searches_batched_together_answer_exactly_as_each_alone_with_their_own_k_and_min_score(string engine)
    {
        Build(engine);
        var gate = new GatedPass(_state);
        var batcher = new ShardSearchBatcher(gate.Run, NoWait, TimeProvider.System);
        var first = batcher.SearchAsync(Query(0, 5, -1f));
        await gate.EnteredAsync();

        var queries = Enumerable.Range(0, 24).Select(i => Query(i, k: i == 0 ? 10 : 1 + i * 7 % 60, minScore: (i % 4) switch { 0 => -1f, 1 => 0f, 2 => 0.08f, _ => 0.5f })).ToArray();
        var answers = queries.Select(q => batcher.SearchAsync(q)).ToArray();
        Assert.All(answers, a => Assert.False(a.IsCompleted)); // held behind the first pass
        gate.Open();
        await gate.EnteredAsync(); // the second pass
        gate.Open();
        var results = await Task.WhenAll(answers);
        var firstResult = await first;

        Assert.Equal([1, 24], gate.Sizes);
        Assert.Equal((2L, 25L), batcher.Totals);
        for (var i = 0; i < queries.Length; i++)
        {
            var alone = _state.Search(queries[i].Probe, queries[i].K, queries[i].MinScore);
            Assert.Equal(alone, results[i]); // same subjects, same float scores, same order
        }
        Assert.Equal(_state.Search(Probe(0), 5, -1f), firstResult);
        Assert.Contains(results[0], h => h.SubjectRef == "CROWD"); // the crowded query was among them
        Assert.DoesNotContain(results[3], h => h.Score < 0.5f);
    }

    [Fact]
    public async Task A_cancelled_search_does_not_poison_its_batch()
    {
        Build(VectorIndexFactory.DefaultSpec);
        var gate = new GatedPass(_state);
        var batcher = new ShardSearchBatcher(gate.Run, NoWait, TimeProvider.System);
        var first = batcher.SearchAsync(Query(1, 10, -1f));
        await gate.EnteredAsync();

        using var inPass = new CancellationTokenSource();
        using var queued = new CancellationTokenSource();
        var x = batcher.SearchAsync(Query(2, 10, -1f), inPass.Token);
        var y = batcher.SearchAsync(Query(3, 20, 0.05f));
        var z = batcher.SearchAsync(Query(4, 10, -1f), queued.Token);
        await queued.CancelAsync(); // still queued: leaves at once
        Assert.True(z.IsCanceled);

        gate.Open();
        await first;
        await gate.EnteredAsync(); // the second pass holds x and y
        await inPass.CancelAsync(); // x is inside a pass now: answered when the pass ends, with its cancellation
        Assert.False(x.IsCompleted);
        gate.Open();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => x);
        Assert.Equal(_state.Search(Probe(3), 20, 0.05f), await y);
        Assert.Equal([1, 2], gate.Sizes);

        // An already cancelled search never joins; a later one starts a pass of its own.
        Assert.True(batcher.SearchAsync(Query(5, 3, -1f), inPass.Token).IsCanceled);
        var later = batcher.SearchAsync(Query(6, 3, -1f));
        await gate.EnteredAsync();
        gate.Open();
        Assert.Equal(_state.Search(Probe(6), 3, -1f), await later);
    }

    [Fact]
    public async Task A_failed_pass_fails_only_its_own_searches()
    {
        Build(VectorIndexFactory.DefaultSpec);
        var failNext = true;
        var batcher = new ShardSearchBatcher(q =>
        {
            if (failNext)
            {
                failNext = false;
                throw new InvalidOperationException("engine failure");
            }
            return _state.SearchBatch(q);
        }, NoWait, TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.SearchAsync(Query(7, 3, -1f)));
        Assert.Equal(_state.Search(Probe(8), 3, -1f), await batcher.SearchAsync(Query(8, 3, -1f)));
    }

    [Fact]
    public async Task A_full_batch_starts_without_waiting_out_the_gather_time()
    {
        Build(VectorIndexFactory.DefaultSpec);
        // An hour of gather time would hang the test if a full batch waited for it.
        var batcher = new ShardSearchBatcher(_state.SearchBatch, new ShardSearchOptions { MaxBatch = 3, BatchWait = TimeSpan.FromHours(1) }, TimeProvider.System);
        var answers = Enumerable.Range(10, 3).Select(i => batcher.SearchAsync(Query(i, 4, -1f))).ToArray();
        var results = await Task.WhenAll(answers).WaitAsync(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 3; i++) Assert.Equal(_state.Search(Probe(10 + i), 4, -1f), results[i]);
        Assert.Equal((1L, 3L), batcher.Totals);
    }

    [Fact]
    public void A_probe_of_another_dimension_is_refused_before_it_can_join_a_pass()
    {
        Build(VectorIndexFactory.DefaultSpec);
        Assert.Throws<DimensionMismatchException>(() => _state.Query(new float[Vectors.Dimension * 2], 5, -1f));
        Assert.Throws<DimensionMismatchException>(() => _state.Query(new float[Vectors.Dimension - 1], 5, -1f));
        Assert.Equal(5, _state.Query(Probe(1), 5, -1f).K);
    }

    /// <summary>Probe i: a stored template (every third), a noisy copy of one, or a fresh random direction.</summary>
    private float[] Probe(int i) => (i % 3) switch
    {
        0 => Vectors.Row(_vectors, i * 37 % 2000),
        1 => Vectors.Near(Vectors.Row(_vectors, i * 53 % 2000), 0.8f, seed: 6200 + i),
        _ => Vectors.Unit(1, seed: 6300 + i),
    };

    private ShardQuery Query(int i, int k, float minScore) => new(Probe(i), k, minScore);
}
