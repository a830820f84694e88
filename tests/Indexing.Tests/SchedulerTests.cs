using System.Collections.Concurrent;

namespace Grid.Indexing.Tests;

/// <summary>
/// A silo runs its shard passes on dedicated scan threads (Grains' ScanScheduler); an engine's parallel scan must
/// split over the scheduler its search runs on, never spill its parts onto the thread pool.
/// </summary>
public sealed class SchedulerTests
{
    private const int Dimension = 64;

    [Theory]
    [InlineData("exact")]
    [InlineData("exact-int8")]
    public async Task A_parallel_scan_splits_over_the_callers_scheduler_and_answers_as_off_it(string spec)
    {
        // Rows × probes above the parallel threshold, so the scan is split into parts.
        var vectors = TestData.Uniform(6_000, Dimension, seed: 81);
        using var index = TestData.Filled(spec, vectors, TestData.Ids(6_000), Dimension);
        var queries = TestData.Uniform(12, Dimension, seed: 82);
        using var threads = new TwoThreads();

        var onThreads = await Task.Factory.StartNew(() => index.Search(queries, 10), CancellationToken.None, TaskCreationOptions.DenyChildAttach, threads);
        var offThreads = index.Search(queries, 10);

        Assert.True(threads.Queued > 1, $"only {threads.Queued} task(s) reached the scheduler: the parts went elsewhere");
        for (var q = 0; q < 12; q++)
        {
            Assert.Equal(offThreads[q].Ids, onThreads[q].Ids);
            Assert.Equal(offThreads[q].Scores, onThreads[q].Scores);
        }
    }

    /// <summary>Two dedicated threads that count the tasks queued to them.</summary>
    private sealed class TwoThreads : TaskScheduler, IDisposable
    {
        private readonly BlockingCollection<Task> _tasks = [];
        private readonly ThreadLocal<bool> _mine = new();
        private int _queued;

        public TwoThreads()
        {
            for (var i = 0; i < 2; i++)
                new Thread(() =>
                {
                    _mine.Value = true;
                    foreach (var task in _tasks.GetConsumingEnumerable()) TryExecuteTask(task);
                }) { IsBackground = true }.Start();
        }

        public int Queued => Volatile.Read(ref _queued);

        public override int MaximumConcurrencyLevel => 2;

        protected override void QueueTask(Task task)
        {
            Interlocked.Increment(ref _queued);
            _tasks.Add(task);
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => _mine.Value && TryExecuteTask(task);

        protected override IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();

        public void Dispose() => _tasks.CompleteAdding();
    }
}
