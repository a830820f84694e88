using Grid.Contracts.Search;

namespace Grid.Grains.Galleries;

/// <summary>
/// Micro-batching of a shard's searches: searches that arrive while a pass is scanning (or waiting for the silo's
/// <see cref="ScanScheduler"/>) wait for the next pass, and one pass answers them all
/// (<see cref="ShardState.SearchBatch"/> reads the index once for every probe). A pass takes its searches when it
/// starts on a scan thread, not when it asks for one. Under concurrency (the shard's last pass, with no idle time
/// since, held more than one search) a pass first waits at most
/// <see cref="ShardSearchOptions.BatchWait"/> for more searches, less once the batch is full; a lone search never
/// waits. Each search keeps its own k and min score; a search cancelled before its pass leaves the queue at once,
/// one cancelled during its pass is answered with the cancellation once the pass is over (the pass reads shard
/// state its caller's request must keep stable until then). A failing pass fails its searches only. A shard runs
/// one pass at a time.
/// </summary>
public sealed class ShardSearchBatcher(
    Func<IReadOnlyList<ShardQuery>, ShardHit[][]> pass, ShardSearchOptions options, TimeProvider clock, Diagnostics.GridMetrics? metrics = null,
    ScanScheduler? scheduler = null)
{
    private readonly ScanScheduler _scheduler = scheduler ?? ScanScheduler.ThreadPool;
    private readonly Lock _gate = new();
    private readonly List<Pending> _queue = [];
    private TaskCompletionSource? _full;
    private bool _running;
    private int _lastPass;
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
        try
        {
            while (true)
            {
                await GatherAsync().ConfigureAwait(false);
                if (Idle()) return; // no slot turn taken only to find nothing
                if (!await _scheduler.RunAsync(TakeAndAnswer).ConfigureAwait(false)) return;
            }
        }
        catch (Exception e)
        {
            // The scheduler itself failed (the silo is stopping): nothing may be left waiting for a pass.
            Pending[] stranded;
            lock (_gate)
            {
                stranded = [.. _queue];
                _queue.Clear();
                _running = false;
            }
            foreach (var pending in stranded)
            {
                pending.Registration.Dispose();
                pending.Result.TrySetException(e);
            }
        }
    }

    /// <summary>Ends this shard's passes if nothing is queued (searches cancelled while the shard gathered).</summary>
    private bool Idle()
    {
        lock (_gate)
        {
            if (_queue.Count > 0) return false;
            _running = false;
            _lastPass = 0;
            return true;
        }
    }

    /// <summary>One pass, on a scan thread: takes the searches queued by now and answers them; false when none
    /// were left (the shard then has no pass running until the next search arrives).</summary>
    private bool TakeAndAnswer()
    {
        Pending[] batch;
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                _running = false;
                _lastPass = 0; // idle: the next search may be a lone one
                return false;
            }
            batch = [.. _queue.Take(options.MaxBatch)];
            _queue.RemoveRange(0, batch.Length);
            _passes++;
            _searches += batch.Length;
            _lastPass = batch.Length;
        }
        Answer(batch);
        return true;
    }

    /// <summary>Waits, bounded, for the batch to fill before a pass.</summary>
    private async Task GatherAsync()
    {
        if (options.BatchWait <= TimeSpan.Zero) return;
        Task full;
        lock (_gate)
        {
            if (_queue.Count >= options.MaxBatch || _queue.Count == 0) return;
            // Not another shard's pass as the sign: one lone search reaches all its gallery's shards at once.
            if (_lastPass <= 1) return; // a lone search: never delayed
            _full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            full = _full.Task;
        }
        await Task.WhenAny(full, Task.Delay(options.BatchWait, clock)).ConfigureAwait(false);
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
