namespace Grid.Indexing;

/// <summary>The result of one query: ids and inner-product scores, best first, equal length.</summary>
public sealed record SearchHits(long[] Ids, float[] Scores)
{
    public static readonly SearchHits Empty = new([], []);
    public int Count => Ids.Length;
}
