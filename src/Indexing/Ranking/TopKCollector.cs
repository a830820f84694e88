namespace Grid.Indexing;

/// <summary>
/// Keeps the best <c>k</c> (score, id) pairs seen so far in a bounded min-heap whose root is the
/// worst kept pair. Order: higher score first; equal scores rank the lower id first, so results do
/// not depend on scan order or thread partitioning.
/// </summary>
public sealed class TopKCollector
{
    private readonly float[] _scores;
    private readonly long[] _ids;
    private int _count;

    public TopKCollector(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        _scores = new float[k];
        _ids = new long[k];
    }

    public int Capacity => _scores.Length;

    public int Count => _count;

    /// <summary>Scores below this cannot enter; equal scores may (they are decided by id).</summary>
    public float Threshold => _count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public static bool Ranks(float score, long id, float otherScore, long otherId) =>
        score > otherScore || (score == otherScore && id < otherId);

    public void Offer(float score, long id)
    {
        if (_count < _scores.Length)
        {
            _scores[_count] = score;
            _ids[_count] = id;
            SiftUp(_count++);
        }
        else if (_count > 0 && Ranks(score, id, _scores[0], _ids[0]))
        {
            _scores[0] = score;
            _ids[0] = id;
            SiftDown(0);
        }
    }

    public void OfferAll(TopKCollector other)
    {
        for (var i = 0; i < other._count; i++) Offer(other._scores[i], other._ids[i]);
    }

    public void OfferAll(SearchHits hits)
    {
        for (var i = 0; i < hits.Count; i++) Offer(hits.Scores[i], hits.Ids[i]);
    }

    /// <summary>The kept pairs, best first.</summary>
    public SearchHits ToHits()
    {
        var order = new int[_count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
            Ranks(_scores[a], _ids[a], _scores[b], _ids[b]) ? -1 : Ranks(_scores[b], _ids[b], _scores[a], _ids[a]) ? 1 : 0);
        var ids = new long[_count];
        var scores = new float[_count];
        for (var i = 0; i < order.Length; i++)
        {
            ids[i] = _ids[order[i]];
            scores[i] = _scores[order[i]];
        }
        return new SearchHits(ids, scores);
    }

    private bool Worse(int a, int b) => Ranks(_scores[b], _ids[b], _scores[a], _ids[a]);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Worse(i, parent)) return;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= _count) return;
            var worst = left + 1 < _count && Worse(left + 1, left) ? left + 1 : left;
            if (!Worse(worst, i)) return;
            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
    }
}
