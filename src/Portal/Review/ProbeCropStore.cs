using System.Collections.Concurrent;

namespace Grid.Portal.Review;

/// <summary>
/// The aligned probe crops of this portal's searches, per force and search id, so every reviewer of the force — not only
/// the examiner who searched — sees the probe beside each candidate. They stay at the force's site (this process's
/// memory; the grid only ever gets the template) for <see cref="Retention"/> and at most <see cref="Capacity"/> crops,
/// oldest dropped first; a portal restart drops them all (the case page then says so).
/// </summary>
public sealed class ProbeCropStore(TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    public const int Capacity = 2000;

    private readonly ConcurrentDictionary<(string Force, string SearchId), (byte[] Png, DateTimeOffset Stored)> _crops = new();

    public void Put(string force, string searchId, byte[] png)
    {
        if (string.IsNullOrEmpty(force) || string.IsNullOrEmpty(searchId)) return;
        _crops[(force, searchId)] = (png, clock.GetUtcNow());
        Prune();
    }

    /// <summary>The crop of <paramref name="force"/>'s search, or null: another force's crop is never found.</summary>
    public byte[]? Find(string force, string searchId) =>
        _crops.TryGetValue((force, searchId), out var crop) && clock.GetUtcNow() - crop.Stored <= Retention ? crop.Png : null;

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, crop) in _crops)
            if (now - crop.Stored > Retention) _crops.TryRemove(key, out _);
        var excess = _crops.Count - Capacity;
        if (excess <= 0) return;
        foreach (var key in _crops.OrderBy(c => c.Value.Stored).Take(excess).Select(c => c.Key).ToArray())
            _crops.TryRemove(key, out _);
    }
}
