using System.IO.Hashing;
using System.Runtime.InteropServices;
using Grid.Contracts.Search;
using Grid.Grains.Storage;
using Grid.Indexing;

namespace Grid.Grains.Galleries;

/// <summary>
/// A shard's data in memory: the vector index, the id ↔ subjectRef map and the next template id. Plain code, no
/// Orleans and no storage: it plans a change as a log record (de-duplicating enrolments), applies records (new
/// ones and replayed ones alike) and answers searches. Not thread-safe for changes: the grain never runs a change
/// alongside a search, and searches may run concurrently (the index allows it; the map is only read).
/// </summary>
public sealed class ShardState(IVectorIndex index, SubjectMap map, long nextId) : IDisposable
{
    public IVectorIndex Index { get; private set; } = index;

    /// <summary>A re-index building beside <see cref="Index"/>: every change applied meanwhile is forwarded to it.</summary>
    public ShardReindex? Reindex { get; set; }

    public SubjectMap Map { get; } = map;

    public long NextId { get; private set; } = nextId;

    public int Dimension => Index.Dimension;

    /// <summary>Rough bytes held: the index plus the map.</summary>
    public long MemoryBytes => Index.MemoryBytes + Map.EstimateBytes();

    public static ShardState Empty(string engine, int dimension) => new(VectorIndexFactory.Create(engine, dimension), new SubjectMap(), 0);

    /// <summary>
    /// The record enrolling the rows that are new: a row is skipped when its subject already holds the same
    /// vector, or when the batch repeats it. Ids are assigned from <see cref="NextId"/>; nothing changes until the
    /// record is applied. Null when every row is already present.
    /// </summary>
    public ShardLogRecord.Enrolled? PlanEnrolment(IReadOnlyList<string> subjectRefs, float[] vectors)
    {
        var fresh = new List<int>(subjectRefs.Count);
        var hashes = new ulong[subjectRefs.Count];
        var inBatch = new HashSet<(string, ulong)>();
        for (var i = 0; i < subjectRefs.Count; i++)
        {
            hashes[i] = XxHash64.HashToUInt64(MemoryMarshal.AsBytes(vectors.AsSpan(i * Dimension, Dimension)));
            if (!Map.Contains(subjectRefs[i], hashes[i]) && inBatch.Add((subjectRefs[i], hashes[i])))
                fresh.Add(i);
        }
        if (fresh.Count == 0) return null;
        var ids = new long[fresh.Count];
        var rows = new float[fresh.Count * Dimension];
        for (var j = 0; j < fresh.Count; j++)
        {
            ids[j] = NextId + j;
            vectors.AsSpan(fresh[j] * Dimension, Dimension).CopyTo(rows.AsSpan(j * Dimension));
        }
        return new ShardLogRecord.Enrolled(ids, [.. fresh.Select(i => hashes[i])], [.. fresh.Select(i => subjectRefs[i])], rows);
    }

    /// <summary>The record removing a subject with its template count, or null when it is not enrolled.</summary>
    public (ShardLogRecord.Removed Record, int Templates)? PlanRemoval(string subjectRef)
    {
        var ids = Map.IdsOf(subjectRef);
        return ids.Length == 0 ? null : (new ShardLogRecord.Removed(subjectRef), ids.Length);
    }

    /// <summary>Applies a record, whether just appended or replayed from the log.</summary>
    public void Apply(ShardLogRecord record)
    {
        switch (record)
        {
            case ShardLogRecord.Enrolled e when e.Ids.Length > 0:
                Index.Add(e.Vectors, e.Ids);
                for (var i = 0; i < e.Ids.Length; i++) Map.Add(e.SubjectRefs[i], new TemplateEntry(e.Ids[i], e.Hashes[i]));
                NextId = Math.Max(NextId, e.Ids[^1] + 1);
                Reindex?.Forward(e.Vectors, e.Ids);
                break;
            case ShardLogRecord.Removed r:
                var ids = Map.IdsOf(r.SubjectRef);
                Index.Remove(ids);
                Map.Remove(r.SubjectRef);
                Reindex?.Forward(ids);
                break;
            case ShardLogRecord.EngineChanged c when !c.Engine.Equals(Index.Spec, StringComparison.Ordinal):
                // Met in a replay only (a live re-index swaps in the index it built): the checkpoint that normally
                // follows the record did not happen, so rebuild here from the rows the replay restored.
                ReplaceIndex(ShardReindex.Rebuild(Index, c.Engine));
                break;
        }
    }

    /// <summary>Serves <paramref name="index"/> from now on and frees the old one; call while no search or change
    /// runs (the grain's exclusive turn).</summary>
    public void ReplaceIndex(IVectorIndex index)
    {
        var old = Index;
        Index = index;
        old.Dispose();
    }

    /// <summary>A search of this shard; a probe of another dimension is refused here, before it could fail the
    /// other searches of a batched pass.</summary>
    public ShardQuery Query(float[] probe, int k, float minScore) => probe.Length == Dimension
        ? new ShardQuery(probe, k, minScore)
        : throw new DimensionMismatchException(Dimension, $"the probe has {probe.Length} floats.");

    /// <summary>The best hit of up to <paramref name="k"/> subjects scoring at least <paramref name="minScore"/>, best first.</summary>
    public ShardHit[] Search(float[] probe, int k, float minScore)
    {
        var count = Count;
        if (count == 0 || k <= 0) return [];
        for (var fetch = BestPerSubject.FirstFetch(k, count); ; fetch = BestPerSubject.NextFetch(fetch, count))
        {
            if (BestPerSubject.TryPick(Index.Search(probe, fetch)[0], fetch, count, k, minScore, Map) is { } best) return best;
        }
    }

    /// <summary>
    /// Several searches in one pass over the index (its batch path reads each row once for all probes); each
    /// answer is exactly what <see cref="Search"/> gives that query alone. Queries whose subjects were crowded
    /// out of the fetch go round again with a longer one.
    /// </summary>
    public ShardHit[][] SearchBatch(IReadOnlyList<ShardQuery> queries)
    {
        var answers = new ShardHit[queries.Count][];
        var count = Count;
        var open = new List<(int Query, int Fetch)>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            if (count == 0 || queries[i].K <= 0) answers[i] = [];
            else open.Add((i, BestPerSubject.FirstFetch(queries[i].K, count)));
        }
        while (open.Count > 0)
        {
            var next = new List<(int Query, int Fetch)>();
            foreach (var (members, fetch) in Passes(open))
            {
                var probes = new float[members.Count * Dimension];
                for (var j = 0; j < members.Count; j++) queries[members[j]].Probe.AsSpan(0, Dimension).CopyTo(probes.AsSpan(j * Dimension));
                var hits = Index.Search(probes, fetch);
                for (var j = 0; j < members.Count; j++)
                {
                    var query = queries[members[j]];
                    if (BestPerSubject.TryPick(hits[j], fetch, count, query.K, query.MinScore, Map) is { } best) answers[members[j]] = best;
                    else next.Add((members[j], BestPerSubject.NextFetch(fetch, count)));
                }
            }
            open = next;
        }
        return answers;
    }

    /// <summary>
    /// Which queries may share one index call, and with what fetch. The exact engine's top-n is a prefix of its
    /// top-m for n &lt; m (one total order), so every query shares the longest fetch. An int8 scan re-ranks a
    /// shortlist whose length follows the fetch, so only queries with equal fetches share a call. FAISS may score
    /// a batch through BLAS with other rounding than a single probe, so each query there goes alone.
    /// </summary>
    private IEnumerable<(List<int> Members, int Fetch)> Passes(List<(int Query, int Fetch)> open)
    {
        if (Index.Spec.Equals("exact", StringComparison.OrdinalIgnoreCase))
            return [([.. open.Select(o => o.Query)], open.Max(o => o.Fetch))];
        if (Index.Spec.StartsWith("exact-int8", StringComparison.OrdinalIgnoreCase))
            return open.GroupBy(o => o.Fetch).Select(g => (g.Select(o => o.Query).ToList(), g.Key));
        return open.Select(o => (new List<int> { o.Query }, o.Fetch));
    }

    /// <summary>Templates searchable, capped to what one search can fetch.</summary>
    public int Count => (int)Math.Min(Index.Count, int.MaxValue);

    public void Dispose() => Index.Dispose();
}
