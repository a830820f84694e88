using System.Collections.Concurrent;
using Grid.Contracts.Errors;
using Grid.Contracts.Galleries;
using Grid.Indexing;

namespace Grid.Grains.Galleries;

/// <summary>
/// One shard's re-index, built beside the index that keeps serving. It copies, by id, the rows the serving index
/// held when it started (ids are never reused and a row's vector never changes, so a row removed meanwhile is
/// simply not found), then replays the changes applied since (<see cref="Forward"/>), in order. Started and
/// completed while no change runs (grain turns); the copy and the catch-up run on the thread pool.
/// </summary>
public sealed class ShardReindex : IDisposable
{
    private const int ChunkRows = 4096;

    private readonly ConcurrentQueue<Change> _changes = new();
    private readonly IRowSource _source;
    private readonly long[] _ids;
    private readonly int _dimension;
    private IVectorIndex? _target;
    private long _done;
    private volatile bool _cancelled;

    private ShardReindex(IRowSource source, IVectorIndex target, string from, long[] ids, int dimension)
    {
        (_source, _target, From, _ids, _dimension) = (source, target, from, ids, dimension);
        Engine = target.Spec;
        Build = Task.CompletedTask;
    }

    public string Engine { get; }

    public string From { get; }

    /// <summary>Bytes the index being built holds so far (a re-index needs both indexes' memory until the swap).</summary>
    public long BuildingBytes => _target?.MemoryBytes ?? 0;

    /// <summary>The copy and catch-up; faulted when the new engine failed (the serving index is untouched).</summary>
    public Task Build { get; private set; }

    public ShardReindexStatus Status => new(Engine, Math.Min(Interlocked.Read(ref _done), _ids.LongLength), _ids.LongLength, !Build.IsCompleted,
        Build.Exception?.GetBaseException().Message);

    /// <summary>True when <paramref name="index"/> keeps exact rows another engine can be built from.</summary>
    public static bool CanReadFrom(IVectorIndex index) => index is IRowSource;

    /// <summary>Starts building <paramref name="engine"/> from <paramref name="serving"/>; call while no change runs.</summary>
    public static ShardReindex Start(IVectorIndex serving, string engine, ReindexEngines engines)
    {
        var source = serving as IRowSource ?? throw Unsupported(serving.Spec);
        var ids = source.Ids();
        var target = engines.Create(engine, serving.Dimension);
        var reindex = new ShardReindex(source, target, serving.Spec, ids, serving.Dimension);
        reindex.Build = Task.Run(reindex.Run);
        return reindex;
    }

    /// <summary>The whole rebuild at once, for a log replay that meets an engine change.</summary>
    public static IVectorIndex Rebuild(IVectorIndex serving, string engine)
    {
        var source = serving as IRowSource ?? throw Unsupported(serving.Spec);
        using var reindex = new ShardReindex(source, VectorIndexFactory.Create(engine, serving.Dimension), serving.Spec, source.Ids(), serving.Dimension);
        reindex.Run();
        return reindex.Complete();
    }

    public static EngineRefusedException Unsupported(string from) => new(GridErrorCodes.ReindexUnsupported,
        $"The engine '{from}' keeps no exact float32 rows to build another engine from; only 'exact' galleries can be re-indexed.");

    /// <summary>A change just applied to the serving index (rows added), to replay on the new one.</summary>
    public void Forward(float[] vectors, long[] ids) => _changes.Enqueue(new Change(vectors, ids));

    /// <summary>Rows just removed from the serving index.</summary>
    public void Forward(long[] removedIds) => _changes.Enqueue(new Change(null, removedIds));

    /// <summary>Replays what arrived since the build's catch-up and hands the new index over; call once
    /// <see cref="Build"/> succeeded, while no change runs.</summary>
    public IVectorIndex Complete()
    {
        if (!Build.IsCompletedSuccessfully) throw new InvalidOperationException("The re-index has not finished building.");
        CatchUp();
        var built = _target!;
        _target = null;
        return built;
    }

    /// <summary>Stops the build (the shard deactivates); the caller awaits <see cref="Build"/> before disposing.</summary>
    public void Cancel() => _cancelled = true;

    public void Dispose()
    {
        _target?.Dispose();
        _target = null;
    }

    private void Run()
    {
        var vectors = new float[ChunkRows * _dimension];
        var copied = new long[ChunkRows];
        for (var start = 0; start < _ids.Length && !_cancelled; start += ChunkRows)
        {
            var n = _source.CopyRows(_ids.AsSpan(start, Math.Min(ChunkRows, _ids.Length - start)), vectors, copied);
            if (n > 0) _target!.Add(vectors.AsSpan(0, n * _dimension), copied.AsSpan(0, n));
            Interlocked.Add(ref _done, Math.Min(ChunkRows, _ids.Length - start));
        }
        if (_cancelled) throw new OperationCanceledException("The shard deactivated during its re-index; run it again.");
        CatchUp();
    }

    private void CatchUp()
    {
        while (_changes.TryDequeue(out var change))
        {
            if (change.Vectors is { } rows) _target!.Add(rows, change.Ids);
            else _target!.Remove(change.Ids);
        }
    }

    private sealed record Change(float[]? Vectors, long[] Ids);
}
