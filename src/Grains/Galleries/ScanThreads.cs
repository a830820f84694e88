using System.Collections.Concurrent;

namespace Grid.Grains.Galleries;

/// <summary>
/// A task scheduler over a few dedicated threads (one per core by default) that run shard passes and nothing else.
/// A pass started on it keeps it as <see cref="TaskScheduler.Current"/>, so an engine's <c>Parallel.For</c> splits
/// the pass's rows over these threads too, never over the thread pool (whose threads the silo's HTTP requests,
/// Orleans turns and storage calls need while scans keep the cores busy).
/// </summary>
internal sealed class ScanThreads : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _tasks = [];
    private readonly Thread[] _threads;
    private readonly ThreadLocal<bool> _isScanThread = new();

    public ScanThreads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"grid-scan-{i}" };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    private void Work()
    {
        _isScanThread.Value = true;
        try
        {
            foreach (var task in _tasks.GetConsumingEnumerable()) TryExecuteTask(task);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting: the silo is stopping.
        }
    }

    protected override void QueueTask(Task task) => _tasks.Add(task);

    /// <summary>Only a scan thread runs a task inline (Parallel.For's own replicas); another thread queues it.</summary>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _isScanThread.Value && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();

    /// <summary>Lets the threads finish the queued tasks and end.</summary>
    public void Dispose() => _tasks.CompleteAdding();
}
