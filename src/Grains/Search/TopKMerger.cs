using Grid.Contracts.Galleries;
using Grid.Contracts.Search;

namespace Grid.Grains.Search;

/// <summary>
/// Merges shard answers into one ranked candidate list: one candidate per (gallery, subject) at its best
/// score, best first, ties broken by gallery then subjectRef so the order never depends on arrival order.
/// </summary>
public sealed class TopKMerger(int k)
{
    private readonly Dictionary<(GalleryId, string), float> _best = new();

    public void Add(GalleryId gallery, IEnumerable<ShardHit> hits) => Add(hits.Select(h => (gallery, h)));

    public void Add(IEnumerable<(GalleryId Gallery, ShardHit Hit)> hits)
    {
        foreach (var (gallery, hit) in hits)
        {
            var key = (gallery, hit.SubjectRef);
            if (!_best.TryGetValue(key, out var score) || hit.Score > score) _best[key] = hit.Score;
        }
    }

    public Candidate[] Result() => _best
        .OrderByDescending(kv => kv.Value)
        .ThenBy(kv => kv.Key.Item1.Key, StringComparer.Ordinal)
        .ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
        .Take(k)
        .Select((kv, i) => new Candidate(kv.Key.Item1.Force, kv.Key.Item1.Name, kv.Key.Item2, kv.Value, i + 1))
        .ToArray();
}
