using System.Collections.Concurrent;
using Grid.Contracts.Galleries;

namespace Grid.Grains.Search;

/// <summary>
/// Gallery configs the search coordinators of one silo looked up, so a search does not cost a gallery-grain call
/// per gallery. Configs do not change after creation, but a gallery can be dropped and made again: entries expire
/// after <see cref="Lifetime"/>, and the cache never holds more than <see cref="Capacity"/> of them.
/// </summary>
public sealed class GalleryInfoCache(TimeProvider clock)
{
    public const int Capacity = 4096;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<GalleryId, (GalleryInfo Info, DateTimeOffset Until)> _entries = new();

    public int Count => _entries.Count;

    public bool TryGet(GalleryId id, out GalleryInfo? info)
    {
        info = null;
        if (_entries.TryGetValue(id, out var entry))
        {
            if (entry.Until > clock.GetUtcNow())
            {
                info = entry.Info;
            }
            else
            {
                _entries.TryRemove(KeyValuePair.Create(id, entry));
            }
        }

        return info is not null;
    }

    public void Add(GalleryInfo info)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count >= Capacity)
        {
            Trim(now);
        }

        _entries[info.Id] = (info, now + Lifetime);
    }

    // Expired entries go first; if the cache is still full, the entries closest to expiry make room for a quarter.
    private void Trim(DateTimeOffset now)
    {
        foreach (var (id, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.TryRemove(id, out _);
            }
        }

        if (_entries.Count >= Capacity)
        {
            foreach (var (id, _) in _entries.OrderBy(e => e.Value.Until).Take(_entries.Count - (Capacity * 3 / 4)).ToArray())
            {
                _entries.TryRemove(id, out _);
            }
        }
    }
}
