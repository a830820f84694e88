using Microsoft.Extensions.Options;

namespace Grid.Grains.Galleries;

/// <summary>
/// Runs every shard pass of a silo (one instance per silo, in DI): on <see cref="ShardSearchOptions.ScanThreads"/>
/// dedicated threads, first in first out (at most <see cref="ShardSearchOptions.ConcurrentPasses"/> at a time when
/// that is set), each split over the scan threads by rows when they are free. Why: passes on the thread pool blocked up to two pool threads per shard, so the HTTP
/// requests, Orleans turns, audit appends and merges of the other searches queued behind the scans (pool
/// starvation) instead of queueing at the shards, where they would have joined a pass. Now a search waits at
/// its shard while the cores scan, and a queued pass takes, when it starts, everything that arrived meanwhile.
/// ScanThreads 0 and ConcurrentPasses 0 give the old behaviour (passes on the pool, unbounded).
/// </summary>
public sealed class ScanScheduler : IDisposable
{
    private readonly ScanThreads? _threads;
    private readonly SemaphoreSlim? _slots;
    private int _waiting;

    public ScanScheduler(IOptions<ShardSearchOptions> options)
        : this(options.Value.ScanThreads, options.Value.ConcurrentPasses)
    {
    }

    public ScanScheduler(int scanThreads, int concurrentPasses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scanThreads);
        ArgumentOutOfRangeException.ThrowIfNegative(concurrentPasses);
        _threads = scanThreads > 0 ? new ScanThreads(scanThreads) : null;
        _slots = concurrentPasses > 0 ? new SemaphoreSlim(concurrentPasses, concurrentPasses) : null;
    }

    /// <summary>A scheduler with the thread pool's behaviour (tests and benchmarks that build a batcher alone).</summary>
    public static ScanScheduler ThreadPool { get; } = new(0, 0);

    /// <summary>Passes waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Runs <paramref name="pass"/> when a scan thread takes it (and a slot is free, when slots are bounded;
    /// they are granted in arrival order). The pass decides what to scan only when it starts, so searches arriving
    /// during the wait still join it.</summary>
    public async Task<T> RunAsync<T>(Func<T> pass)
    {
        if (_slots is not null)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _slots.WaitAsync().ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        try
        {
            return _threads is null
                ? await Task.Run(pass).ConfigureAwait(false)
                : await Task.Factory.StartNew(pass, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _threads).ConfigureAwait(false);
        }
        finally
        {
            _slots?.Release();
        }
    }

    public void Dispose()
    {
        if (ReferenceEquals(this, ThreadPool)) return;
        _threads?.Dispose();
    }
}
