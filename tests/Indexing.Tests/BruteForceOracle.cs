namespace Grid.Indexing.Tests;

/// <summary>The reference answer: double-precision dot products over every row, ranked by score
/// then lower id — the order every exact engine must reproduce.</summary>
internal sealed class BruteForceOracle(int dimension)
{
    private readonly Dictionary<long, float[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        for (var i = 0; i < ids.Length; i++) _rows.Add(ids[i], vectors.Slice(i * dimension, dimension).ToArray());
    }

    public void Remove(IEnumerable<long> ids)
    {
        foreach (var id in ids) _rows.Remove(id);
    }

    public (long Id, double Score)[] Search(ReadOnlySpan<float> query, int k)
    {
        var q = query.ToArray();
        return _rows
            .Select(row => (Id: row.Key, Score: Dot(q, row.Value)))
            .OrderByDescending(hit => hit.Score).ThenBy(hit => hit.Id)
            .Take(k)
            .ToArray();
    }

    private static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return sum;
    }
}
