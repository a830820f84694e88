using Grid.Contracts.Search;

namespace Grid.Grains.Galleries;

/// <summary>
/// Micro-batching of a shard's searches: searches that arrive while a pass is scanning wait for the next pass,
/// and one pass answers them all (<see cref="ShardState.SearchBatch"/> reads the index once for every probe).
/// Before a pass starts it waits at most <see cref="ShardSearchOptions.BatchWait"/> for more searches, less
/// once the batch is full. Each search keeps its own k and min score; a search cancelled before its pass leaves
/// the queue at once, one cancelled during its pass is answered with the cancellation once the pass is over (the
/// pass reads shard state its caller's request must keep stable until then). A failing pass fails its searches
/// only. Passes run on the thread pool, one at a time.
/// </summary>
public sealed class ShardSearchBatcher(
    Func<IReadOnlyList<ShardQuery>, ShardHit[][]> pass, ShardSearchOptions options, TimeProvider clock, Diagnostics.GridMetrics? metrics = null)
{
    private readonly Lock _gate = new();
    private readonly List<Pending> _queue = [];
    private TaskCompletionSource? _full;
    private bool _running;
    private long _passes;
    private long _searches;

    /// <summary>How many passes ran and how many searches they answered (for tests and metrics).</summary>
    public (long Passes, long Searches) Totals
    {
        get { lock (_gate) return (_passes, _searches); }
    }

    public Task<ShardHit[]> SearchAsync(ShardQuery query, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<ShardHit[]>(cancellationToken);
        var pending = new Pending(query, cancellationToken);
        bool start;
        lock (_gate)
        {
            _queue.Add(pending);
            if (_queue.Count >= options.MaxBatch) _full?.TrySetResult();
            start = !_running;
            _running = true;
        }
        pending.Registration = cancellationToken.Register(() => Withdraw(pending));
        if (start) _ = Task.Run(RunPassesAsync);
        return pending.Result.Task;
    }

    private void Withdraw(Pending pending)
    {
        lock (_gate)
        {
            if (!_queue.Remove(pending)) return; // already in a pass: answered when it ends
        }
        pending.Result.TrySetCanceled(pending.Cancellation);
    }

    private async Task RunPassesAsync()
    {
        while (true)
        {
            await GatherAsync();
            Pending[] batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _running = false;
                    return;
                }
                batch = [.. _queue.Take(options.MaxBatch)];
                _queue.RemoveRange(0, batch.Length);
                _passes++;
                _searches += batch.Length;
            }
            Answer(batch);
        }
    }

    /// <summary>Waits, bounded, for the batch to fill before a pass.</summary>
    private async Task GatherAsync()
    {
        if (options.BatchWait <= TimeSpan.Zero) return;
        Task full;
        lock (_gate)
        {
            if (_queue.Count >= options.MaxBatch || _queue.Count == 0) return;
            _full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            full = _full.Task;
        }
        await Task.WhenAny(full, Task.Delay(options.BatchWait, clock));
        lock (_gate) _full = null;
    }

    private void Answer(Pending[] batch)
    {
        ShardHit[][]? answers = null;
        Exception? error = null;
        var started = clock.GetTimestamp();
        try
        {
            answers = pass([.. batch.Select(p => p.Query)]);
        }
        catch (Exception e)
        {
            error = e;
        }
        metrics?.ShardPass(batch.Length, clock.GetElapsedTime(started));
        for (var i = 0; i < batch.Length; i++)
        {
            var pending = batch[i];
            pending.Registration.Dispose();
            if (pending.Cancellation.IsCancellationRequested) pending.Result.TrySetCanceled(pending.Cancellation);
            else if (error is not null) pending.Result.TrySetException(error);
            else pending.Result.TrySetResult(answers![i]);
        }
    }

    private sealed class Pending(ShardQuery query, CancellationToken cancellation)
    {
        public ShardQuery Query { get; } = query;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<ShardHit[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenRegistration Registration { get; set; }
    }
}
