namespace Grid.Grains.Galleries;

/// <summary>How a shard batches concurrent searches (<see cref="ShardSearchBatcher"/>) and how a silo runs its
/// passes (<see cref="ScanScheduler"/>); configuration section <c>Grid:Search:Batching</c> (docs/OPERATIONS.md).</summary>
public sealed class ShardSearchOptions
{
    public const string Section = "Grid:Search:Batching";

    /// <summary>Most searches answered by one pass over the index.</summary>
    public int MaxBatch { get; set; } = 32;

    /// <summary>Longest a pass waits for more searches before it starts, and only under concurrency (the shard's
    /// last pass, with no idle time since, held more than one search): a lone search never waits. It starts at once when the batch is full. Searches arriving during a pass join the next one whatever
    /// this is.</summary>
    public TimeSpan BatchWait { get; set; } = TimeSpan.Zero;

    /// <summary>Dedicated threads that run the silo's shard passes (default one per core); 0 runs them on the
    /// thread pool.</summary>
    public int ScanThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Most shard passes running or queued on the scan threads at once in a silo; 0: no bound, passes queue in
    /// the scan threads' own first-in-first-out queue (the default: measured under load, one at a time made passes
    /// bigger, 21–24 searches instead of 15, but left the cores idle while the next pass was handed over through the
    /// thread pool: 118 against 151 searches/s and p99 853 against 336 ms at 32 in flight, 250,000 templates).</summary>
    public int ConcurrentPasses { get; set; }

    /// <summary>Whether the values are in range (checked when a silo starts).</summary>
    public bool IsValid => MaxBatch is >= 1 and <= 1024 && BatchWait >= TimeSpan.Zero && BatchWait <= TimeSpan.FromSeconds(1)
        && ScanThreads is >= 0 and <= 256 && ConcurrentPasses is >= 0 and <= 256;
}
