using System.Runtime.InteropServices;
using Grid.Indexing.Exact;
using Grid.Indexing.Persistence;

namespace Grid.Indexing.Faiss;

/// <summary>
/// Any FAISS index_factory string behind <see cref="IVectorIndex"/>, with inner-product metric.
/// Ids: factories that cannot store caller ids (Flat, HNSW…) are wrapped in IDMap2 by the shim.
/// Training: while the native index is untrained (IVF, PQ), added vectors wait in an exact index
/// and are searched exactly; once <see cref="TrainingVectors"/> have arrived (39 per k-means
/// centroid, see gridfaiss.cpp) the native index is trained on all of them and they move in.
/// Search parameters come from the spec suffix (<c>?nprobe=32</c>, <c>?efSearch=128</c>) and are
/// re-applied after loading. FAISS searches are read-only and run concurrently under the read
/// lock; add, remove and training take the write lock.
/// </summary>
internal sealed unsafe class FaissVectorIndex : IVectorIndex
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly EngineSpec _spec;
    private readonly FaissIndexHandle _native;
    private readonly HashSet<long> _ids = [];
    private readonly long _bytesPerVector;
    private ExactVectorIndex? _pending;
    private long _trainingVectors;
    private long _count;

    private FaissVectorIndex(EngineSpec spec, int dimension, FaissIndexHandle native)
    {
        _spec = spec;
        _native = native;
        Dimension = dimension;
        foreach (var (name, value) in spec.SearchParameters) NativeFaissMethods.SetParameter(native, name, value);
        _bytesPerVector = NativeFaissMethods.CodeSize(native);
    }

    public string Spec => _spec.Text;

    public int Dimension { get; }

    public long Count => Interlocked.Read(ref _count);

    public long MemoryBytes
    {
        get
        {
            _lock.EnterReadLock();
            try { return (_count - (_pending?.Count ?? 0)) * (_bytesPerVector + sizeof(long)) + (_pending?.MemoryBytes ?? 0) + _ids.Count * 24L; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public bool IsTrained => Volatile.Read(ref _pending) is null;

    /// <summary>Vectors collected before the native index is trained; 0 when it needs no training.</summary>
    public long TrainingVectors => _trainingVectors;

    public string? TrainingNote
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                if (_trainingVectors == 0) return null;
                if (_pending is null) return $"'{_spec.FaissFactory}' is trained ({_trainingVectors} vectors were required).";
                return $"'{_spec.FaissFactory}' trains once {_trainingVectors} vectors have been added: {_pending.Count} held, " +
                       $"{_trainingVectors - _pending.Count} more needed; until then they are searched exactly.";
            }
            finally { _lock.ExitReadLock(); }
        }
    }

    public static FaissVectorIndex Create(EngineSpec spec, int dimension)
    {
        var native = CreateNative(spec.FaissFactory!, dimension);
        try
        {
            var index = new FaissVectorIndex(spec, dimension, native);
            if (!NativeFaissMethods.IsTrained(native))
            {
                index._trainingVectors = NativeFaissMethods.TrainingVectors(native);
                index._pending = new ExactVectorIndex(dimension);
            }
            return index;
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }

    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        if ((long)ids.Length * Dimension != vectors.Length)
            throw new DimensionMismatchException(Dimension, $"got {vectors.Length} floats for {ids.Length} ids.");
        _lock.EnterWriteLock();
        try
        {
            var batch = new HashSet<long>(ids.Length);
            foreach (var id in ids)
                if (_ids.Contains(id) || !batch.Add(id)) throw new DuplicateIdException(id);
            if (_pending is not null)
            {
                _pending.Add(vectors, ids);
                if (_pending.Count >= _trainingVectors) TrainOnPending();
            }
            else
            {
                fixed (float* v = vectors)
                fixed (long* i = ids)
                    NativeFaissMethods.Add(_native, ids.Length, v, i);
            }
            _ids.UnionWith(batch);
            Interlocked.Exchange(ref _count, _ids.Count);
        }
        finally { _lock.ExitWriteLock(); }
    }

    public int Remove(ReadOnlySpan<long> ids)
    {
        _lock.EnterWriteLock();
        try
        {
            var seen = new HashSet<long>(ids.Length);
            var present = new List<long>(ids.Length);
            foreach (var id in ids)
                if (_ids.Contains(id) && seen.Add(id)) present.Add(id);
            if (present.Count == 0) return 0;
            if (_pending is not null) _pending.Remove(CollectionsMarshal.AsSpan(present));
            else
            {
                fixed (long* p = CollectionsMarshal.AsSpan(present))
                {
                    long removed;
                    try { removed = NativeFaissMethods.Remove(_native, present.Count, p); }
                    catch (FaissException e)
                    {
                        throw new FaissException("remove_ids", $"'{_spec.FaissFactory}' cannot remove vectors in this FAISS build " +
                            $"({e.NativeMessage}); use 'exact', Flat or IVF for galleries that must honour removals.", e);
                    }
                    if (removed != present.Count)
                        throw new FaissException("remove_ids", $"removed {removed} of {present.Count} ids known to be present");
                }
            }
            _ids.ExceptWith(present);
            Interlocked.Exchange(ref _count, _ids.Count);
            return present.Count;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public SearchHits[] Search(ReadOnlySpan<float> queries, int k)
    {
        var queryCount = QueryBatch.Count(queries, Dimension, k);
        _lock.EnterReadLock();
        try
        {
            if (_pending is not null) return _pending.Search(queries, k);
            var kept = (int)Math.Min(k, _count);
            if (kept == 0) return Enumerable.Repeat(SearchHits.Empty, queryCount).ToArray();
            var scores = new float[(long)queryCount * kept];
            var labels = new long[scores.LongLength];
            fixed (float* q = queries)
            fixed (float* s = scores)
            fixed (long* l = labels)
                NativeFaissMethods.Search(_native, queryCount, q, kept, s, l);
            var hits = new SearchHits[queryCount];
            for (var qi = 0; qi < queryCount; qi++)
            {
                // Re-ranked through the collector so equal scores order by id, as the exact engine does;
                // approximate engines return fewer than k (label -1) when probed lists run short.
                var collector = new TopKCollector(kept);
                for (var j = qi * kept; j < (qi + 1) * kept; j++)
                    if (labels[j] >= 0) collector.Offer(scores[j], labels[j]);
                hits[qi] = collector.ToHits();
            }
            return hits;
        }
        finally { _lock.ExitReadLock(); }
    }

    public void Save(Stream destination) => IndexStreamFormat.Save(destination, Spec, Dimension, WritePayload);

    /// <summary>Payload: int64 training size, the ids held natively, the pending exact index if
    /// untrained, then the FAISS serialization last, so loading verifies the checksum before
    /// FAISS parses a byte.</summary>
    private void WritePayload(BinaryWriter writer)
    {
        _lock.EnterReadLock();
        try
        {
            writer.Write(_trainingVectors);
            writer.Write(_pending is not null);
            if (_pending is not null) _pending.WritePayload(writer);
            else
            {
                writer.Write((long)_ids.Count);
                foreach (var id in _ids) writer.Write(id);
            }
            using var buffer = NativeFaissMethods.Serialize(_native, out var data, out var size);
            writer.Write(size);
            writer.Flush();
            for (long offset = 0; offset < size;)
            {
                var piece = (int)Math.Min(1 << 30, size - offset);
                writer.BaseStream.Write(new ReadOnlySpan<byte>(data + offset, piece));
                offset += piece;
            }
        }
        finally { _lock.ExitReadLock(); }
    }

    internal static FaissVectorIndex ReadPayload(EngineSpec spec, int dimension, BinaryReader reader, Action verifyChecksum)
    {
        var trainingVectors = reader.ReadInt64();
        ExactVectorIndex? pending = null;
        var ids = new HashSet<long>();
        byte* blob = null;
        try
        {
            if (reader.ReadBoolean()) pending = ExactVectorIndex.ReadPayload(EngineSpec.Exact, dimension, reader);
            else
            {
                var count = reader.ReadInt64();
                if (count < 0 || count > Array.MaxLength) throw new CorruptIndexException($"Saved FAISS index claims {count} ids.");
                XxHashStream.EnsureAvailable(reader.BaseStream, count * sizeof(long), $"{count} ids");
                for (long i = 0; i < count; i++)
                    if (!ids.Add(reader.ReadInt64())) throw new CorruptIndexException("Saved FAISS index repeats an id.");
            }
            var size = reader.ReadInt64();
            if (size <= 0 || size > (1L << 40)) throw new CorruptIndexException($"Saved FAISS index has an impossible size {size}.");
            XxHashStream.EnsureAvailable(reader.BaseStream, size, "the FAISS index");
            blob = (byte*)NativeMemory.Alloc((nuint)size);
            for (long offset = 0; offset < size;)
            {
                var piece = (int)Math.Min(1 << 30, size - offset);
                reader.BaseStream.ReadExactly(new Span<byte>(blob + offset, piece));
                offset += piece;
            }
            verifyChecksum();

            var index = new FaissVectorIndex(spec, dimension, NativeFaissMethods.Deserialize(blob, size))
            {
                _trainingVectors = trainingVectors,
                _pending = pending,
            };
            index._ids.UnionWith(pending?.Ids() ?? (IEnumerable<long>)ids);
            index._count = index._ids.Count;
            pending = null;
            if (index._pending is null && NativeFaissMethods.Count(index._native) != index._ids.Count)
            {
                index.Dispose();
                throw new CorruptIndexException("Saved FAISS index and its id list disagree on the count.");
            }
            return index;
        }
        finally
        {
            pending?.Dispose();
            NativeMemory.Free(blob);
        }
    }

    public void Dispose()
    {
        _native.Dispose();
        _pending?.Dispose();
        _lock.Dispose();
    }

    private static FaissIndexHandle CreateNative(string factory, int dimension)
    {
        try
        {
            return NativeFaissMethods.Create(factory, dimension);
        }
        catch (DllNotFoundException e)
        {
            throw new FaissException("load", "libgridfaiss.so was not found next to the application; build src/Indexing " +
                "(it compiles the shim) after ./grid.sh setup has installed g++ and libfaiss-dev.", e);
        }
    }

    /// <summary>Trains on every held vector and moves them into the native index (write lock held).</summary>
    private void TrainOnPending()
    {
        var pending = _pending!;
        var count = pending.Count;
        var ids = new long[count];
        var vectors = (float*)NativeMemory.Alloc((nuint)(count * Dimension * sizeof(float)));
        try
        {
            pending.CopyTo(vectors, ids);
            NativeFaissMethods.Train(_native, count, vectors);
            fixed (long* i = ids) NativeFaissMethods.Add(_native, count, vectors, i);
        }
        finally { NativeMemory.Free(vectors); }
        Volatile.Write(ref _pending, null);
        pending.Dispose();
    }
}
