using Grid.Contracts.Search;
using Grid.Grains.Galleries;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>
/// The silo-wide scan scheduler under the shard batchers, over real int8 shards. Passes are held at gates the
/// test opens, so which searches share a pass is decided by the test, not by timing.
/// </summary>
public sealed class ScanSchedulerTests : IDisposable
{
    private static readonly ShardSearchOptions NoWait = new() { MaxBatch = 32, BatchWait = TimeSpan.Zero };
    private readonly ScanScheduler _scheduler = new(scanThreads: 2, concurrentPasses: 1);
    private readonly ShardState[] _shards = [Shard(seed: 7000), Shard(seed: 7100)];

    public void Dispose()
    {
        _scheduler.Dispose();
        foreach (var shard in _shards) shard.Dispose();
    }

    private static ShardState Shard(int seed)
    {
        // Above the engines' parallel threshold with a batch, so a pass is split into parts.
        var state = ShardState.Empty("exact-int8", Vectors.Dimension);
        var vectors = Vectors.Unit(3000, seed);
        state.Apply(state.PlanEnrolment([.. Enumerable.Range(0, 3000).Select(i => $"S-{seed}-{i % 2500:D4}")], vectors)!);
        return state;
    }

    [Fact]
    public async Task Passes_and_their_parts_run_on_the_scan_threads_never_on_the_thread_pool()
    {
        var threads = new HashSet<string>();
        var batcher = new ShardSearchBatcher(q =>
        {
            lock (threads) threads.Add(Thread.CurrentThread.IsThreadPoolThread ? "pool" : Thread.CurrentThread.Name ?? "?");
            // What the engines do with a pass (QueryBatch.OnCurrentScheduler): Parallel.For over parts on the current scheduler.
            Parallel.For(0, 64, new ParallelOptions { TaskScheduler = TaskScheduler.Current }, _ =>
            {
                Thread.SpinWait(20_000);
                lock (threads) threads.Add(Thread.CurrentThread.IsThreadPoolThread ? "pool" : Thread.CurrentThread.Name ?? "?");
            });
            return _shards[0].SearchBatch(q);
        }, NoWait, TimeProvider.System, scheduler: _scheduler);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => batcher.SearchAsync(Query(i, 5))));

        for (var i = 0; i < 8; i++) Assert.Equal(_shards[0].Search(Probe(i), 5, -1f), results[i]);
        Assert.DoesNotContain("pool", threads);
        Assert.All(threads, t => Assert.StartsWith("grid-scan-", t));
    }

    [Fact]
    public async Task One_pass_at_a_time_and_a_waiting_shard_takes_every_search_that_arrived_while_it_waited()
    {
        var (a, b, shardA, shardB, first) = await ShardAHoldingTheSlotAsync();
        var waiting = Enumerable.Range(1, 6).Select(i => shardB.SearchAsync(Query(i, 3 + i))).ToArray();
        var alsoA = shardA.SearchAsync(Query(7, 4));
        Assert.True(SpinWait.SpinUntil(() => _scheduler.Waiting == 1, TimeSpan.FromMinutes(1)));
        Assert.Empty(b.Sizes); // B's pass waits for the slot; it has not taken its searches yet
        a.Open();
        await first;

        // Slots go in arrival order: B asked before A's second pass did.
        await b.EnteredAsync();
        Assert.Equal([6], b.Sizes);
        Assert.Equal([1], a.Sizes);
        b.Open();
        await a.EnteredAsync();
        a.Open();

        var answers = await Task.WhenAll(waiting);
        for (var i = 0; i < 6; i++) Assert.Equal(_shards[1].Search(Probe(i + 1), 4 + i, -1f), answers[i]);
        Assert.Equal(_shards[0].Search(Probe(7), 4, -1f), await alsoA);
        Assert.Equal([1, 1], a.Sizes);
    }

    [Fact]
    public async Task A_search_cancelled_while_its_shard_waits_for_a_slot_leaves_at_once_and_is_never_scanned()
    {
        var (a, b, _, shardB, first) = await ShardAHoldingTheSlotAsync();

        using var cancel = new CancellationTokenSource();
        var leaving = shardB.SearchAsync(Query(1, 5), cancel.Token);
        var staying = shardB.SearchAsync(Query(2, 5));
        await cancel.CancelAsync();
        Assert.True(leaving.IsCanceled); // at once, while A still holds the slot
        a.Open();
        await first;
        await b.EnteredAsync();
        b.Open();

        Assert.Equal(_shards[1].Search(Probe(2), 5, -1f), await staying);
        Assert.Equal([1], b.Sizes);
    }

    [Fact]
    public async Task A_failing_pass_fails_only_its_own_searches_and_frees_the_slot()
    {
        var shardA = new ShardSearchBatcher(_ => throw new InvalidOperationException("engine failure"), NoWait, TimeProvider.System,
            scheduler: _scheduler);
        var shardB = new ShardSearchBatcher(_shards[1].SearchBatch, NoWait, TimeProvider.System, scheduler: _scheduler);

        var failing = Enumerable.Range(0, 4).Select(i => shardA.SearchAsync(Query(i, 5))).ToArray();
        var fine = Enumerable.Range(0, 4).Select(i => shardB.SearchAsync(Query(i, 5))).ToArray();

        foreach (var f in failing) await Assert.ThrowsAsync<InvalidOperationException>(() => f);
        var answers = await Task.WhenAll(fine);
        for (var i = 0; i < 4; i++) Assert.Equal(_shards[1].Search(Probe(i), 5, -1f), answers[i]);
    }

    [Fact]
    public async Task No_search_is_lost_or_answered_wrongly_when_many_threads_search_and_cancel_at_once()
    {
        var batchers = _shards.Select(s => new ShardSearchBatcher(s.SearchBatch, new ShardSearchOptions { MaxBatch = 7 }, TimeProvider.System,
            scheduler: _scheduler)).ToArray();
        const int Searches = 400;
        var tasks = new Task<ShardHit[]>[Searches];
        var cancels = new CancellationTokenSource[Searches];
        Parallel.For(0, Searches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            cancels[i] = new CancellationTokenSource();
            tasks[i] = batchers[i % 2].SearchAsync(Query(i % 40, 1 + i % 9), cancels[i].Token);
            if (i % 5 == 0) cancels[i].Cancel();
        });

        await Task.WhenAll(tasks).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromMinutes(2));
        for (var i = 0; i < Searches; i++)
        {
            if (tasks[i].IsCanceled) Assert.Equal(0, i % 5); // only the cancelled ones
            else Assert.Equal(_shards[i % 2].Search(Probe(i % 40), 1 + i % 9, -1f), await tasks[i]);
            cancels[i].Dispose();
        }
        Assert.True(batchers.Sum(b => b.Totals.Searches) <= Searches);
    }

    [Fact]
    public async Task A_lone_search_never_waits_out_the_gather_time_but_a_busy_shard_gathers_its_next_pass()
    {
        var gate = new GatedPass(_shards[0]);
        // An hour of gather time would hang the test wherever a pass waited for it without cause.
        var batcher = new ShardSearchBatcher(gate.Run, new ShardSearchOptions { MaxBatch = 3, BatchWait = TimeSpan.FromHours(1) },
            TimeProvider.System, scheduler: _scheduler);

        var lone = batcher.SearchAsync(Query(0, 5));
        await gate.EnteredAsync(); // a lone search: its pass started at once
        var pair = new[] { batcher.SearchAsync(Query(1, 5)), batcher.SearchAsync(Query(2, 5)) };
        gate.Open();
        await lone.WaitAsync(TimeSpan.FromMinutes(1));
        await gate.EnteredAsync(); // the pair's pass
        var late = batcher.SearchAsync(Query(3, 5));
        gate.Open();
        await Task.WhenAll(pair).WaitAsync(TimeSpan.FromMinutes(1));

        // The last pass held two searches, so the next one waits for a full batch (or the gather time).
        Assert.False(late.IsCompleted);
        var more = new[] { batcher.SearchAsync(Query(4, 5)), batcher.SearchAsync(Query(5, 5)) };
        await gate.EnteredAsync();
        gate.Open();
        await Task.WhenAll([late, .. more]).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([1, 2, 3], gate.Sizes);
    }

    /// <summary>Two gated shards on the scheduler; shard A's first search (returned) holds the silo's only pass slot.</summary>
    private async Task<(GatedPass A, GatedPass B, ShardSearchBatcher ShardA, ShardSearchBatcher ShardB, Task<ShardHit[]> First)> ShardAHoldingTheSlotAsync()
    {
        var a = new GatedPass(_shards[0]);
        var b = new GatedPass(_shards[1]);
        var shardA = new ShardSearchBatcher(a.Run, NoWait, TimeProvider.System, scheduler: _scheduler);
        var shardB = new ShardSearchBatcher(b.Run, NoWait, TimeProvider.System, scheduler: _scheduler);
        var first = shardA.SearchAsync(Query(0, 5));
        await a.EnteredAsync();
        return (a, b, shardA, shardB, first);
    }

    private static float[] Probe(int i) => Vectors.Unit(1, seed: 7300 + i);

    private static ShardQuery Query(int i, int k) => new(Probe(i), k, -1f);
}
