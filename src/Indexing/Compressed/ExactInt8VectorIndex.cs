using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Grid.Indexing.Exact;
using Grid.Indexing.Persistence;

namespace Grid.Indexing.Compressed;

/// <summary>
/// The compressed scan tier (<c>exact-int8</c>): every search scans all rows as int8 codes with a
/// per-row scale (a quarter of the float32 bytes, so a quarter of the memory traffic), keeps the best
/// <see cref="CandidateCount"/> rows by the approximate score, and re-ranks those exactly against the
/// re-rank copy (<see cref="RerankPrecision"/>; float16 by default). Returned scores are re-rank scores.
/// Rows live in <see cref="RowStore"/>s with parallel id and scale arrays and an id→row map; removal
/// moves the last row into the hole. Searches take the read lock and may run concurrently; add/remove
/// take the write lock.
/// Why float16 by default (measured at 100 000 × 512, 2 000 probes, against the float32 exact engine):
/// identity-clustered recall@10 1.0000 and the same rank-1 subject in 100 % for all three choices; the
/// same rank-1 template in 99.90 % (float16), 100 % (float32), 98.2 % (codes); uniform data recall@10
/// 0.9993 / 1.0000 / 0.984; memory 0.77× / 1.27× / 0.27× the float32 bytes. Float32 leaves no room
/// under the 1.3× memory target (nor 10M templates in a 24 GiB silo); codes move the score error (≈1e-3)
/// into the final order.
/// </summary>
public sealed unsafe class ExactInt8VectorIndex : IVectorIndex
{

    /// <summary>Rows of codes per cache block: 128 KiB stays in L2 (1 MiB a core here) while every probe
    /// of the batch is scored against it.</summary>
    private const int BlockBytes = 128 * 1024;

    private const int PayloadVersion = 1;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly RowStore _codes;
    private readonly RowStore? _rerank;
    private readonly Dictionary<long, long> _rowOfId = [];
    private readonly int _stride;
    private readonly int _blockRows;
    private long[] _ids = [];
    private float[] _scales = [];
    private long _count;

    public ExactInt8VectorIndex(int dimension, RerankPrecision rerank = RerankPrecision.Float16, string? spec = null)
    {
        VectorIndexFactory.CheckDimension(dimension);
        Dimension = dimension;
        Rerank = rerank;
        Spec = spec ?? (rerank == RerankPrecision.Float16 ? EngineSpec.ExactInt8 : $"{EngineSpec.ExactInt8}?rerank={rerank.ToString().ToLowerInvariant()}");
        _stride = Int8Codec.Stride(dimension);
        _blockRows = Math.Max(4, BlockBytes / _stride);
        _codes = RowStore.OfBytes(_stride);
        _rerank = rerank switch
        {
            RerankPrecision.Float32 => RowStore.OfBytes(dimension * sizeof(float)),
            RerankPrecision.Float16 => RowStore.OfBytes(dimension * sizeof(ushort)),
            _ => null,
        };
    }

    public string Spec { get; }

    public int Dimension { get; }

    public RerankPrecision Rerank { get; }

    /// <summary>The kernels' instruction set; tests force the fallbacks (results are identical at every level).</summary>
    internal Int8KernelLevel Kernels { get; set; } = Int8Kernels.Best;

    public long Count => Interlocked.Read(ref _count);

    public long MemoryBytes
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _codes.AllocatedBytes + (_rerank?.AllocatedBytes ?? 0) + _ids.LongLength * sizeof(long)
                    + _scales.LongLength * sizeof(float) + _rowOfId.Count * 24L;
            }
            finally { _lock.ExitReadLock(); }
        }
    }

    public bool IsTrained => true;

    public string? TrainingNote => null;

    /// <summary>How many scan candidates are re-ranked for a top-<paramref name="k"/>: the int8 score's error
    /// (≈ 5e-4 on 512-d unit vectors) is far below the score gaps past the 2k + 32nd candidate.</summary>
    internal static int CandidateCount(int k) => k + Math.Max(k, 32);

    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        if ((long)ids.Length * Dimension != vectors.Length)
            throw new DimensionMismatchException(Dimension, $"got {vectors.Length} floats for {ids.Length} ids.");
        _lock.EnterWriteLock();
        try
        {
            QueryBatch.CheckNew(_rowOfId, ids);
            var newCount = _count + ids.Length;
            _codes.EnsureCapacity(newCount);
            _rerank?.EnsureCapacity(newCount);
            if (_ids.LongLength < newCount)
            {
                var capacity = (int)Math.Max(newCount, Math.Min(Array.MaxLength, _ids.LongLength * 2));
                Array.Resize(ref _ids, capacity);
                Array.Resize(ref _scales, capacity);
            }
            for (var i = 0; i < ids.Length; i++)
            {
                var row = _count + i;
                var vector = vectors.Slice(i * Dimension, Dimension);
                _scales[row] = Int8Codec.EncodeRow(vector, new Span<byte>(_codes.Address(row), _stride));
                if (Rerank == RerankPrecision.Float32) vector.CopyTo(_rerank!.RowSpan(row));
                else if (Rerank == RerankPrecision.Float16) TensorPrimitives.ConvertToHalf(vector, new Span<Half>(_rerank!.Address(row), Dimension));
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
                _codes.MoveRow(last, row);
                _rerank?.MoveRow(last, row);
                if (row != last)
                {
                    _ids[row] = _ids[last];
                    _scales[row] = _scales[last];
                    _rowOfId[_ids[row]] = row;
                }
                Interlocked.Exchange(ref _count, last);
                removed++;
            }
            _codes.TrimTo(_count);
            _rerank?.TrimTo(_count);
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
            var candidates = (int)Math.Min(CandidateCount(kept), count);
            var codes16 = new short[(long)queryCount * _stride];
            var codes8 = new sbyte[(long)queryCount * _stride];
            var corrections = new int[queryCount];
            var scales = new float[queryCount];
            for (var qi = 0; qi < queryCount; qi++)
                scales[qi] = Int8Codec.EncodeQuery(queries.Slice(qi * Dimension, Dimension), codes8.AsSpan(qi * _stride, _stride),
                    codes16.AsSpan(qi * _stride, _stride), out corrections[qi]);

            var parts = QueryBatch.Parts(count, queryCount);
            var collectors = new TopKCollector[parts][];
            // Each probe's offer threshold, shared by the parts (ScanRange says why).
            var thresholds = new float[queryCount];
            Array.Fill(thresholds, float.NegativeInfinity);
            fixed (short* q16 = codes16)
            fixed (sbyte* q8 = codes8)
            fixed (int* c = corrections)
            fixed (float* s = scales)
            fixed (float* t = thresholds)
            {
                var batch = new QueryCodes(q16, q8, c, s, queryCount);
                if (parts == 1)
                {
                    collectors[0] = QueryBatch.Collectors(queryCount, candidates);
                    ScanRange(0, count, batch, collectors[0], t);
                }
                else
                {
                    var shared = t; // a fixed local cannot be captured
                    Parallel.For(0, parts, QueryBatch.OnCurrentScheduler(), p =>
                    {
                        collectors[p] = QueryBatch.Collectors(queryCount, candidates);
                        ScanRange(count * p / parts, count * (p + 1) / parts, batch, collectors[p], shared);
                    });
                }
            }
            return Rescore(queries, collectors, kept);
        }
        finally { _lock.ExitReadLock(); }
    }

    public void Save(Stream destination) => IndexStreamFormat.Save(destination, Spec, Dimension, WritePayload);

    /// <summary>Payload: int32 payload version, int64 count, int32 code stride, the ids, the scales, the codes
    /// (count × stride int8), then the re-rank rows (count × dimension float32 or float16; none for codes).
    /// Codes are saved rather than re-derived so a loaded index answers bit-identically.</summary>
    private void WritePayload(BinaryWriter writer)
    {
        _lock.EnterReadLock();
        try
        {
            writer.Write(PayloadVersion);
            writer.Write(_count);
            writer.Write(_stride);
            writer.Flush();
            writer.BaseStream.Write(MemoryMarshal.AsBytes(_ids.AsSpan(0, (int)_count)));
            writer.BaseStream.Write(MemoryMarshal.AsBytes(_scales.AsSpan(0, (int)_count)));
            WriteRows(writer.BaseStream, _codes, _count);
            if (_rerank is not null) WriteRows(writer.BaseStream, _rerank, _count);
        }
        finally { _lock.ExitReadLock(); }
    }

    internal static ExactInt8VectorIndex ReadPayload(string spec, RerankPrecision rerank, int dimension, BinaryReader reader)
    {
        var version = reader.ReadInt32();
        if (version != PayloadVersion)
            throw new CorruptIndexException($"Saved int8 index payload version {version} is not supported (this build reads {PayloadVersion}).");
        var count = reader.ReadInt64();
        if (count < 0 || count > Array.MaxLength)
            throw new CorruptIndexException($"Saved int8 index claims {count} vectors.");
        var stride = reader.ReadInt32();
        if (stride != Int8Codec.Stride(dimension))
            throw new CorruptIndexException($"Saved int8 index has code stride {stride}, not {Int8Codec.Stride(dimension)} for {dimension}-d vectors.");
        var index = new ExactInt8VectorIndex(dimension, rerank, spec);
        try
        {
            var rowBytes = sizeof(long) + sizeof(float) + stride + (index._rerank?.RowBytes ?? 0);
            XxHashStream.EnsureAvailable(reader.BaseStream, count * rowBytes, $"{count} vectors");
            index._ids = new long[count];
            index._scales = new float[count];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(index._ids.AsSpan()));
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(index._scales.AsSpan()));
            ReadRows(reader.BaseStream, index._codes, count);
            if (index._rerank is not null) ReadRows(reader.BaseStream, index._rerank, count);
            for (var row = 0; row < count; row++)
            {
                if (!float.IsFinite(index._scales[row]) || index._scales[row] < 0)
                    throw new CorruptIndexException($"Saved int8 index has an impossible scale at row {row}.");
                if (!index._rowOfId.TryAdd(index._ids[row], row))
                    throw new CorruptIndexException($"Saved int8 index repeats id {index._ids[row]}.");
            }
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
        _codes.Dispose();
        _rerank?.Dispose();
        _lock.Dispose();
    }

    private static void WriteRows(Stream stream, RowStore store, long count)
    {
        for (long row = 0; row < count;)
        {
            var run = store.RunBytes(row, count - row);
            stream.Write(run);
            row += run.Length / store.RowBytes;
        }
    }

    private static void ReadRows(Stream stream, RowStore store, long count)
    {
        store.EnsureCapacity(count);
        for (long row = 0; row < count;)
        {
            var run = store.RunBytes(row, count - row);
            stream.ReadExactly(run);
            row += run.Length / store.RowBytes;
        }
    }



    /// <summary>Merges each probe's candidates (row numbers, by approximate score) over the parts and
    /// re-scores them exactly; the final order is by exact score, then id.</summary>
    private SearchHits[] Rescore(ReadOnlySpan<float> queries, TopKCollector[][] collectors, int kept)
    {
        var hits = new SearchHits[collectors[0].Length];
        var buffer = new float[Dimension];
        fixed (float* q = queries)
        fixed (float* b = buffer)
        {
            for (var qi = 0; qi < hits.Length; qi++)
            {
                var merged = collectors[0][qi];
                for (var p = 1; p < collectors.Length; p++) merged.OfferAll(collectors[p][qi]);
                var rows = merged.ToHits().Ids;
                var best = new TopKCollector(kept);
                foreach (var row in rows) best.Offer(ExactScore(q + (long)qi * Dimension, row, b), _ids[row]);
                hits[qi] = best.ToHits();
            }
        }
        return hits;
    }

    private float ExactScore(float* query, long row, float* buffer)
    {
        switch (Rerank)
        {
            case RerankPrecision.Float32:
                return DotKernels.Dot(query, _rerank!.Row(row), Dimension);
            case RerankPrecision.Float16:
                TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>(_rerank!.Address(row), Dimension), new Span<float>(buffer, Dimension));
                return DotKernels.Dot(query, buffer, Dimension);
            default:
                var codes = _codes.Address(row);
                for (var i = 0; i < Dimension; i++) buffer[i] = Int8Codec.Code(codes[i]);
                return DotKernels.Dot(query, buffer, Dimension) * _scales[row];
        }
    }

    /// <summary>Scans rows [start, end) block by block: each block of codes is read from memory once and
    /// scored against every probe of the batch while it sits in L2. <paramref name="t"/>: the probes' offer
    /// thresholds, shared with the other parts of the search. Why shared: each part used to raise its own from
    /// nothing, so every part paid the offers of a whole top-k ramp (4 parts, 4 ramps). Sharing cannot change an
    /// answer: a part's threshold is its own k-th best score, never above the whole scan's k-th best, so every row
    /// of the final candidates still reaches its part's collector; a lost racing update only leaves a lower (still
    /// safe) threshold.</summary>
    private void ScanRange(long start, long end, QueryCodes queries, TopKCollector[] collectors, float* t)
    {
        // A tile shape fills at most four int32 per row (4 probes × 4 rows per group of 16).
        var groupDots = new int[4 * _blockRows];
        fixed (int* dots = groupDots)
        {
            for (var row = start; row < end;)
            {
                var chunkEnd = Math.Min(end, ((row >> _codes.ChunkShift) + 1) << _codes.ChunkShift);
                var blockEnd = Math.Min(chunkEnd, row + _blockRows);
                // The next block, pulled into L2 while this one is scored (only batches have time to spare: measured,
                // prefetching for one to three probes cost 7–17 % more CPU, their scan being a plain memory read).
                var next = blockEnd < end && queries.Count >= 4 ? _codes.Address(blockEnd) : null;
                var nextBytes = next is null ? 0 : (int)(Math.Min(end - blockEnd, _blockRows) * _stride);
                ScanBlock(row, (int)(blockEnd - row), queries, collectors, t, dots, next, nextBytes);
                row = blockEnd;
            }
        }
    }

    /// <summary>Scores one block of rows against every probe, a tile shape at a time: 4 probes × 4 rows while
    /// four or more probes are left, then 2 × 8 and 1 × 16 (so a single probe, or the one to three left over,
    /// also run the widest kernel the CPU has). Each kernel call covers all whole groups of the block and fills
    /// 16 int32 per group; the group's 16 scores are compared with their probes' thresholds in one vector
    /// compare, and only a score that can enter a top-k list reaches its collector. Rows past the last whole
    /// group are scored one by one.</summary>
    private void ScanBlock(long first, int rows, QueryCodes queries, TopKCollector[] collectors, float* thresholds, int* groupDots,
        byte* next, int nextBytes)
    {
        var stride = _stride;
        var level = Kernels;
        var block = _codes.Address(first);
        // The next block's lines are shared out over the tile passes, and each kernel call spreads its share over its
        // groups (PacedPrefetch), so the lines are requested at the pace the rows are scored.
        var passes = queries.Count / 4 + (queries.Count % 4 + 1) / 2;
        var linesLeft = nextBytes / 64;
        var linesPerPass = (linesLeft + passes - 1) / passes;
        var prefetch = next;
        fixed (float* rowScales = &_scales[first])
        {
            for (var qi = 0; qi < queries.Count;)
            {
                var shape = queries.Count - qi >= 4 ? 4 : queries.Count - qi >= 2 ? 2 : 1;
                var q16 = queries.Codes16 + (long)qi * stride;
                var q8 = queries.Codes8 + (long)qi * stride;
                var groupRows = Int8Kernels.GroupRows(shape);
                var groups = rows / groupRows;
                // A block too short for one group prefetches nothing (it is a chunk's or the range's last).
                var lines = groups > 0 ? Math.Min(linesPerPass, linesLeft) : 0;
                if (shape == 4) Int8Kernels.FourByRows(level, q16, q8, block, groups, stride, groupDots, prefetch, lines);
                else if (shape == 2) Int8Kernels.TwoByRows(level, q16, q8, block, groups, stride, groupDots, prefetch, lines);
                else Int8Kernels.OneByRows(level, q16, q8, block, groups, stride, groupDots, prefetch, lines);
                prefetch += 64L * lines;
                linesLeft -= lines;
                var lanes = new GroupLanes(shape, queries, qi, thresholds);
                // Tied to the kernel level so the tests' forced fallbacks also run the 128-bit compare.
                if (level >= Int8KernelLevel.Avx512 && Avx512F.IsSupported)
                    OfferGroups512(groupDots, groups, ref lanes, rowScales, first, collectors, thresholds);
                else
                    OfferGroups128(groupDots, groups, ref lanes, rowScales, first, collectors, thresholds);
                for (var j = groups * groupRows; j < rows; j++)
                    for (var t = 0; t < shape; t++)
                        OfferIfPasses(collectors[qi + t], Int8Kernels.Dot(level, q16 + t * stride, block + (long)j * stride, stride),
                            queries, qi + t, rowScales[j], first + j, thresholds + qi + t);
                qi += shape;
            }
        }
    }

    /// <summary>Offers the passing scores of whole groups (out[16·group + shape·row + probe]), 16 per compare. The
    /// loop over groups only scores and compares (one loop per shape, so the row scales' spread is fixed in it); the
    /// rare group with a passing lane goes to <see cref="OfferLanes"/>, out of line, so the loop keeps its values in
    /// registers (with the offers inline the JIT spilled the loop's counters to the stack every group).</summary>
    private static void OfferGroups512(int* groupDots, int groups, ref GroupLanes lanes, float* rowScales, long first,
        TopKCollector[] collectors, float* thresholds)
    {
        var corrections = Vector512.Load(lanes.Corrections);
        var scales = Vector512.Load(lanes.Scales);
        var limits = Vector512.Load(lanes.Limits);
        switch (lanes.Shift)
        {
            case 0:
                for (var g = 0; g < groups; g++)
                {
                    // Lane l takes row scale [l >> shift]: a full load for one probe, a spread of 8 or 4 scales otherwise.
                    var score = Vector512.ConvertToSingle(Vector512.Load(groupDots + 16 * g) - corrections) * Vector512.Load(rowScales + 16 * g) * scales;
                    var passed = Vector512.GreaterThanOrEqual(score, limits).ExtractMostSignificantBits();
                    if (passed != 0) limits = OfferLanes(score, passed, ref lanes, first + 16 * g, collectors, thresholds);
                }
                break;
            case 1:
                for (var g = 0; g < groups; g++)
                {
                    var rowScale = Avx512F.PermuteVar16x32(Vector256.Load(rowScales + 8 * g).ToVector512Unsafe(), SpreadTwo);
                    var score = Vector512.ConvertToSingle(Vector512.Load(groupDots + 16 * g) - corrections) * rowScale * scales;
                    var passed = Vector512.GreaterThanOrEqual(score, limits).ExtractMostSignificantBits();
                    if (passed != 0) limits = OfferLanes(score, passed, ref lanes, first + 8 * g, collectors, thresholds);
                }
                break;
            default:
                for (var g = 0; g < groups; g++)
                {
                    var rowScale = Avx512F.PermuteVar16x32(Vector128.Load(rowScales + 4 * g).ToVector256Unsafe().ToVector512Unsafe(), SpreadFour);
                    var score = Vector512.ConvertToSingle(Vector512.Load(groupDots + 16 * g) - corrections) * rowScale * scales;
                    var passed = Vector512.GreaterThanOrEqual(score, limits).ExtractMostSignificantBits();
                    if (passed != 0) limits = OfferLanes(score, passed, ref lanes, first + 4 * g, collectors, thresholds);
                }
                break;
        }
    }

    /// <summary>Offers a group's passing lanes (row <paramref name="groupRow"/> + lane ≫ shift) and returns the
    /// probes' new limits.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> OfferLanes(Vector512<float> score, ulong passed, ref GroupLanes lanes, long groupRow,
        TopKCollector[] collectors, float* thresholds)
    {
        for (; passed != 0; passed &= passed - 1)
        {
            var lane = BitOperations.TrailingZeroCount(passed);
            var t = lane & lanes.Mask;
            // Re-checked: an earlier offer in this group may have raised the probe's threshold.
            if (score.GetElement(lane) >= thresholds[lanes.First + t])
                Offer(collectors[lanes.First + t], score.GetElement(lane), groupRow + (lane >> lanes.Shift), thresholds + lanes.First + t);
        }
        lanes.RefreshLimits(thresholds);
        return Vector512.Load(lanes.Limits);
    }

    /// <summary>The 128-bit form of <see cref="OfferGroups512"/> (four lanes per compare), for CPUs without AVX-512.</summary>
    private static void OfferGroups128(int* groupDots, int groups, ref GroupLanes lanes, float* rowScales, long first,
        TopKCollector[] collectors, float* thresholds)
    {
        // Lanes repeat every `shape` ≤ 4 lanes, so the first four lanes' constants serve every quarter of a group.
        var corrections = Vector128.Load(lanes.Corrections);
        var scales = Vector128.Load(lanes.Scales);
        var groupRows = 16 >> lanes.Shift;
        var shift = lanes.Shift;
        for (var g = 0; g < groups; g++)
            for (var quarter = 0; quarter < 16; quarter += 4)
            {
                var row = groupRows * g + (quarter >> shift);
                var rowScale = Vector128.Create(rowScales[row], rowScales[row + (1 >> shift)], rowScales[row + (2 >> shift)], rowScales[row + (3 >> shift)]);
                var score = Vector128.ConvertToSingle(Vector128.Load(groupDots + 16 * g + quarter) - corrections) * rowScale * scales;
                var passed = Vector128.GreaterThanOrEqual(score, Vector128.Load(lanes.Limits)).ExtractMostSignificantBits();
                if (passed == 0) continue;
                for (; passed != 0; passed &= passed - 1)
                {
                    var lane = BitOperations.TrailingZeroCount(passed);
                    var t = lane & lanes.Mask;
                    if (score.GetElement(lane) >= thresholds[lanes.First + t])
                        Offer(collectors[lanes.First + t], score.GetElement(lane), first + row + (lane >> shift), thresholds + lanes.First + t);
                }
                lanes.RefreshLimits(thresholds);
            }
    }

    /// <summary>Lane l of a group takes row l ≫ 2 (4 × 4 tiles) or l ≫ 1 (2 × 8).</summary>
    private static readonly Vector512<int> SpreadFour = Vector512.Create(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3);

    private static readonly Vector512<int> SpreadTwo = Vector512.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);

    /// <summary>The scalar twin of the vector compares above: the same float operations in the same order
    /// (<see cref="Int8Codec.Score"/>), so a row scores identically whichever path reached it.</summary>
    private static void OfferIfPasses(TopKCollector collector, int rawDot, QueryCodes queries, int qi, float rowScale, long row, float* threshold)
    {
        var score = Int8Codec.Score(rawDot, queries.Corrections[qi], rowScale, queries.Scales[qi]);
        if (score >= *threshold) Offer(collector, score, row, threshold);
    }

    /// <summary>Offers to this part's collector and raises the shared threshold to the collector's, never lowers it
    /// (another part's may be higher).</summary>
    private static void Offer(TopKCollector collector, float score, long row, float* threshold)
    {
        collector.Offer(score, row);
        var raised = collector.Threshold;
        if (raised > Volatile.Read(ref *threshold)) Volatile.Write(ref *threshold, raised);
    }

    /// <summary>Per-lane constants of one kernel call's groups: lane l scores probe First + (l &amp; Mask) against
    /// row l ≫ Shift of the group (shape 1, 2 or 4 probes). Kept in fixed buffers so a compare loads each as one
    /// vector whatever the shape. Lives on the stack for one kernel call (its pointers are only used there).</summary>
    private struct GroupLanes
    {
        private fixed int _corrections[16];
        private fixed float _scales[16];
        private fixed float _limits[16];

        public GroupLanes(int shape, QueryCodes queries, int first, float* thresholds)
        {
            First = first;
            Mask = shape - 1;
            Shift = BitOperations.Log2((uint)shape);
            for (var lane = 0; lane < 16; lane++)
            {
                _corrections[lane] = queries.Corrections[first + (lane & Mask)];
                _scales[lane] = queries.Scales[first + (lane & Mask)];
            }
            RefreshLimits(thresholds);
        }

        public int First { get; }

        public int Mask { get; }

        public int Shift { get; }

        public readonly int* Corrections => (int*)Unsafe.AsPointer(ref Unsafe.AsRef(in _corrections[0]));

        public readonly float* Scales => (float*)Unsafe.AsPointer(ref Unsafe.AsRef(in _scales[0]));

        public readonly float* Limits => (float*)Unsafe.AsPointer(ref Unsafe.AsRef(in _limits[0]));

        /// <summary>Re-reads the probes' thresholds after an offer raised one.</summary>
        public void RefreshLimits(float* thresholds)
        {
            for (var lane = 0; lane < 16; lane++) _limits[lane] = thresholds[First + (lane & Mask)];
        }
    }

    /// <summary>A batch's encoded probes, pinned for the length of one search.</summary>
    private readonly struct QueryCodes(short* codes16, sbyte* codes8, int* corrections, float* scales, int count)
    {
        public short* Codes16 { get; } = codes16;
        public sbyte* Codes8 { get; } = codes8;
        public int* Corrections { get; } = corrections;
        public float* Scales { get; } = scales;
        public int Count { get; } = count;
    }
}
