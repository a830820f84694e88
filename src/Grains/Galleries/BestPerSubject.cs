using Grid.Contracts.Search;
using Grid.Indexing;

namespace Grid.Grains.Galleries;

/// <summary>
/// Turns an index's best-first template hits into the best hit per subject. The index is asked for a few more
/// templates than subjects wanted; when subjects with many templates crowd that list, a longer one is asked for.
/// The answer depends only on the order of the hits, not on how many were fetched, so one long fetch shared by
/// several searches (a batch) answers each exactly as its own fetch would.
/// </summary>
public static class BestPerSubject
{
    /// <summary>How many templates to fetch first for <paramref name="k"/> subjects out of <paramref name="count"/>.</summary>
    public static int FirstFetch(int k, int count) => (int)Math.Min(count, k * 2L + 16);

    /// <summary>The next, longer fetch after <paramref name="fetch"/> did not hold enough subjects.</summary>
    public static int NextFetch(int fetch, int count) => (int)Math.Min(count, fetch * 4L);

    /// <summary>
    /// The best hit of up to <paramref name="k"/> subjects scoring at least <paramref name="minScore"/>, best first,
    /// from the first <paramref name="fetch"/> of <paramref name="hits"/> (the index returns at most that many
    /// for a fetch); null when that prefix ran out before the answer was certain and a longer fetch is needed.
    /// </summary>
    public static ShardHit[]? TryPick(SearchHits hits, int fetch, int count, int k, float minScore, SubjectMap map)
    {
        var n = Math.Min(hits.Count, fetch);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var best = new List<ShardHit>(Math.Min(k, n));
        for (var i = 0; i < n && best.Count < k; i++)
        {
            if (hits.Scores[i] < minScore) return [.. best];
            // Hits come best first, so a subject's first hit is its best template.
            if (map.TryGetSubject(hits.Ids[i], out var subjectRef) && seen.Add(subjectRef))
                best.Add(new ShardHit(subjectRef, hits.Scores[i]));
        }
        return best.Count >= k || n < fetch || fetch >= count ? [.. best] : null;
    }
}
