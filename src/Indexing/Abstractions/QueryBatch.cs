namespace Grid.Indexing;

/// <summary>The checks every engine makes on a search call: k positive, whole rows of the index's dimension.</summary>
internal static class QueryBatch
{
    /// <summary>How many queries <paramref name="queries"/> holds; throws a typed error when it is not whole rows.</summary>
    public static int Count(ReadOnlySpan<float> queries, int dimension, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (queries.Length % dimension != 0)
            throw new DimensionMismatchException(dimension, $"got {queries.Length} query floats, not a multiple of {dimension}.");
        return queries.Length / dimension;
    }

    /// <summary>Above this many rows (or row × query pairs in a batch) a scan is split over all cores; below it
    /// a thread switch costs more than it saves.</summary>
    public const long ParallelRows = 50_000;

    /// <summary>How many parts a scan of <paramref name="rows"/> rows for <paramref name="queryCount"/> queries is
    /// split into: twice as many as cores, so a core slowed by other work does not hold up the whole pass (not
    /// more, since each part ramps its own top-k thresholds up from nothing); one below <see cref="ParallelRows"/>.</summary>
    public static int Parts(long rows, int queryCount) =>
        rows > ParallelRows || (queryCount > 1 && rows * queryCount > ParallelRows)
            ? (int)Math.Min(2 * Environment.ProcessorCount, Math.Max(1, rows / 256))
            : 1;

    /// <summary>Splits a scan over the scheduler the search runs on: a silo runs its passes on dedicated scan threads
    /// and their parts must stay there, off the thread pool (Parallel.For's default is the pool, not the current
    /// scheduler). Off a task this is the pool, as before.</summary>
    public static ParallelOptions OnCurrentScheduler() => new() { TaskScheduler = TaskScheduler.Current };

    /// <summary>One top-<paramref name="k"/> collector per query.</summary>
    public static TopKCollector[] Collectors(int queryCount, int k)
    {
        var collectors = new TopKCollector[queryCount];
        for (var i = 0; i < queryCount; i++) collectors[i] = new TopKCollector(k);
        return collectors;
    }

    /// <summary>Throws <see cref="DuplicateIdException"/> for an id already in <paramref name="rowOfId"/> or repeated
    /// in <paramref name="ids"/>; the engines call it before adding anything, so an add is all or nothing.</summary>
    public static void CheckNew(Dictionary<long, long> rowOfId, ReadOnlySpan<long> ids)
    {
        var batch = new HashSet<long>(ids.Length);
        foreach (var id in ids)
            if (rowOfId.ContainsKey(id) || !batch.Add(id))
                throw new DuplicateIdException(id);
    }
}
