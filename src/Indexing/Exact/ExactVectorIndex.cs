using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Grid.Indexing.Exact;

/// <summary>
/// The default engine: every search scans all rows with SIMD dot products, so results are exact.
/// Rows live in a <see cref="RowStore"/>, with a parallel id array and an id→row map; removal
/// moves the last row into the hole (O(1)) and zeroes the vacated slot.
/// Searches take the read lock and may run concurrently; add/remove take the write lock.
/// </summary>
public sealed unsafe class ExactVectorIndex : IVectorIndex, IRowSource
{
    internal const long ParallelRows = QueryBatch.ParallelRows;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly RowStore _rows;
    private readonly Dictionary<long, long> _rowOfId = [];
    private readonly int _blockRows;
    private long[] _ids = [];
    private long _count;

    public ExactVectorIndex(int dimension, string spec = EngineSpec.Exact)
    {
        VectorIndexFactory.CheckDimension(dimension);
        Spec = spec;
        Dimension = dimension;
        _rows = new RowStore(dimension);
        // A block of rows (~128 KiB) stays in L2 while every query of a batch is scored against it.
        _blockRows = Math.Max(8, 32_768 / dimension);
    }

    public string Spec { get; }

    public int Dimension { get; }

    public long Count => Interlocked.Read(ref _count);

    public long MemoryBytes
    {
        get
        {
            _lock.EnterReadLock();
            try { return _rows.AllocatedBytes + _ids.LongLength * sizeof(long) + _rowOfId.Count * 24L; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public bool IsTrained => true;

    public string? TrainingNote => null;

    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        if ((long)ids.Length * Dimension != vectors.Length)
            throw new DimensionMismatchException(Dimension, $"got {vectors.Length} floats for {ids.Length} ids.");
        _lock.EnterWriteLock();
        try
        {
            QueryBatch.CheckNew(_rowOfId, ids);
            var newCount = _count + ids.Length;
            _rows.EnsureCapacity(newCount);
            if (_ids.LongLength < newCount) Array.Resize(ref _ids, (int)Math.Max(newCount, Math.Min(Array.MaxLength, _ids.LongLength * 2)));
            for (var i = 0; i < ids.Length; i++)
            {
                var row = _count + i;
                vectors.Slice(i * Dimension, Dimension).CopyTo(_rows.RowSpan(row));
                _ids[row] = ids[i];
                _rowOfId.Add(ids[i], row);
            }
            Interlocked.Exchange(ref _count, newCount);
        }
        finally { _lock.ExitWriteLock(); }
    }

    public int Remove(ReadOnlySpan<long> ids)
    {
        _lock.EnterWriteLock();
        try
        {
            var removed = 0;
            foreach (var id in ids)
            {
                if (!_rowOfId.Remove(id, out var row)) continue;
                var last = _count - 1;
                if (row != last)
                {
                    _rows.RowSpan(last).CopyTo(_rows.RowSpan(row));
                    _ids[row] = _ids[last];
                    _rowOfId[_ids[row]] = row;
                }
                _rows.RowSpan(last).Clear();
                Interlocked.Exchange(ref _count, last);
                removed++;
            }
            _rows.TrimTo(_count);
            return removed;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public SearchHits[] Search(ReadOnlySpan<float> queries, int k)
    {
        var queryCount = QueryBatch.Count(queries, Dimension, k);
        _lock.EnterReadLock();
        try
        {
            var count = _count;
            if (count == 0) return Enumerable.Repeat(SearchHits.Empty, queryCount).ToArray();
            var kept = (int)Math.Min(k, count);
            var parts = QueryBatch.Parts(count, queryCount);
            var collectors = new TopKCollector[parts][];
            fixed (float* q = queries)
            {
                if (parts == 1)
                {
                    collectors[0] = QueryBatch.Collectors(queryCount, kept);
                    ScanRange(0, count, q, queryCount, collectors[0]);
                }
                else
                {
                    var qAddress = (nint)q;
                    Parallel.For(0, parts, QueryBatch.OnCurrentScheduler(), p =>
                    {
                        collectors[p] = QueryBatch.Collectors(queryCount, kept);
                        ScanRange(count * p / parts, count * (p + 1) / parts, (float*)qAddress, queryCount, collectors[p]);
                    });
                }
            }
            var hits = new SearchHits[queryCount];
            for (var qi = 0; qi < queryCount; qi++)
            {
                var merged = collectors[0][qi];
                for (var p = 1; p < parts; p++) merged.OfferAll(collectors[p][qi]);
                hits[qi] = merged.ToHits();
            }
            return hits;
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Copies every row and id out, in row order (used to hand vectors to a trained engine).</summary>
    internal void CopyTo(float* vectors, Span<long> ids)
    {
        _lock.EnterReadLock();
        try
        {
            for (long row = 0; row < _count; row++)
                _rows.RowSpan(row).CopyTo(new Span<float>(vectors + row * Dimension, Dimension));
            _ids.AsSpan(0, (int)_count).CopyTo(ids);
        }
        finally { _lock.ExitReadLock(); }
    }

    public int CopyRows(ReadOnlySpan<long> ids, Span<float> vectors, Span<long> copied)
    {
        _lock.EnterReadLock();
        try
        {
            var n = 0;
            foreach (var id in ids)
            {
                if (!_rowOfId.TryGetValue(id, out var row)) continue;
                _rows.RowSpan(row).CopyTo(vectors.Slice(n * Dimension, Dimension));
                copied[n++] = id;
            }
            return n;
        }
        finally { _lock.ExitReadLock(); }
    }

    public long[] Ids()
    {
        _lock.EnterReadLock();
        try { return _ids.AsSpan(0, (int)_count).ToArray(); }
        finally { _lock.ExitReadLock(); }
    }

    public void Save(Stream destination) =>
        Persistence.IndexStreamFormat.Save(destination, Spec, Dimension, WritePayload);

    /// <summary>Payload: int64 count, the ids, then the rows (count × dimension float32).</summary>
    internal void WritePayload(BinaryWriter writer)
    {
        _lock.EnterReadLock();
        try
        {
            writer.Write(_count);
            writer.Flush();
            writer.BaseStream.Write(MemoryMarshal.AsBytes(_ids.AsSpan(0, (int)_count)));
            for (long row = 0; row < _count;)
            {
                var run = _rows.RunBytes(row, _count - row);
                writer.BaseStream.Write(run);
                row += run.Length / (Dimension * sizeof(float));
            }
        }
        finally { _lock.ExitReadLock(); }
    }

    internal static ExactVectorIndex ReadPayload(string spec, int dimension, BinaryReader reader)
    {
        var count = reader.ReadInt64();
        if (count < 0 || count > Array.MaxLength)
            throw new CorruptIndexException($"Saved exact index claims {count} vectors.");
        Persistence.XxHashStream.EnsureAvailable(reader.BaseStream, count * (sizeof(long) + dimension * (long)sizeof(float)), $"{count} vectors");
        var index = new ExactVectorIndex(dimension, spec);
        try
        {
            index._ids = new long[count];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(index._ids.AsSpan()));
            index._rows.EnsureCapacity(count);
            for (long row = 0; row < count;)
            {
                var run = index._rows.RunBytes(row, count - row);
                reader.BaseStream.ReadExactly(run);
                row += run.Length / (dimension * sizeof(float));
            }
            for (var row = 0; row < count; row++)
                if (!index._rowOfId.TryAdd(index._ids[row], row))
                    throw new CorruptIndexException($"Saved exact index repeats id {index._ids[row]}.");
            index._count = count;
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _rows.Dispose();
        _lock.Dispose();
    }



    /// <summary>Scans rows [start, end) block by block; each block is read from memory once and
    /// scored against every query while it sits in cache.</summary>
    private void ScanRange(long start, long end, float* queries, int queryCount, TopKCollector[] collectors)
    {
        var thresholds = new float[queryCount];
        Array.Fill(thresholds, float.NegativeInfinity);
        fixed (float* t = thresholds)
        {
            for (var row = start; row < end;)
            {
                var chunkEnd = Math.Min(end, ((row >> _rows.ChunkShift) + 1) << _rows.ChunkShift);
                var blockEnd = Math.Min(chunkEnd, row + _blockRows);
                ScanBlock(row, (int)(blockEnd - row), queries, queryCount, collectors, t);
                row = blockEnd;
            }
        }
    }

    /// <summary>Scores one block against every query: 4 queries × 2 rows tiles, then leftovers. Four
    /// scores at a time are compared with the queries' current thresholds in one vector compare; only a
    /// score that can enter a top-k list reaches its collector.</summary>
    private void ScanBlock(long first, int rows, float* queries, int queryCount, TopKCollector[] collectors, float* thresholds)
    {
        var dim = Dimension;
        var block = _rows.Row(first);
        var ids = _ids;
        var scores = stackalloc float[8];
        var qi = 0;
        for (; qi + 4 <= queryCount; qi += 4)
        {
            var q = queries + (long)qi * dim;
            var j = 0;
            for (; j + 2 <= rows; j += 2)
            {
                var r = block + (long)j * dim;
                DotKernels.FourQueriesTwoRows(q, q + dim, q + 2 * dim, q + 3 * dim, r, r + dim, dim, scores);
                OfferPassing(scores, collectors, qi, thresholds, ids[first + j]);
                OfferPassing(scores + 4, collectors, qi, thresholds, ids[first + j + 1]);
            }
            for (; j < rows; j++)
            {
                DotKernels.FourQueriesOneRow(q, q + dim, q + 2 * dim, q + 3 * dim, block + (long)j * dim, dim, scores);
                OfferPassing(scores, collectors, qi, thresholds, ids[first + j]);
            }
        }
        for (; qi < queryCount; qi++)
        {
            var q = queries + (long)qi * dim;
            var collector = collectors[qi];
            var j = 0;
            for (; j + 4 <= rows; j += 4)
            {
                var r = block + (long)j * dim;
                DotKernels.OneQueryFourRows(q, r, r + dim, r + 2 * dim, r + 3 * dim, dim, scores);
                var passed = Vector128.GreaterThanOrEqual(Vector128.Load(scores), Vector128.Create(thresholds[qi])).ExtractMostSignificantBits();
                for (; passed != 0; passed &= passed - 1)
                {
                    var t = BitOperations.TrailingZeroCount(passed);
                    collector.Offer(scores[t], ids[first + j + t]);
                    thresholds[qi] = collector.Threshold;
                }
            }
            for (; j < rows; j++)
            {
                var score = DotKernels.Dot(q, block + (long)j * dim, dim);
                if (score >= thresholds[qi])
                {
                    collector.Offer(score, ids[first + j]);
                    thresholds[qi] = collector.Threshold;
                }
            }
        }
    }

    /// <summary>Offers the scores of one row for queries qi..qi+3 that reach their thresholds.</summary>
    private static void OfferPassing(float* scores, TopKCollector[] collectors, int qi, float* thresholds, long id)
    {
        var passed = Vector128.GreaterThanOrEqual(Vector128.Load(scores), Vector128.Load(thresholds + qi)).ExtractMostSignificantBits();
        for (; passed != 0; passed &= passed - 1)
        {
            var t = BitOperations.TrailingZeroCount(passed);
            collectors[qi + t].Offer(scores[t], id);
            thresholds[qi + t] = collectors[qi + t].Threshold;
        }
    }
}
