using System.Collections.Concurrent;
using Grid.Contracts.Identity;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Identity;

/// <summary>
/// Resolved keys for a few seconds per silo, so a busy client does not cost a key-grain call per
/// request. Keyed by the key's hash, never the key. Only successes are cached: a refused key is
/// looked up again every time, so enabling a key is never delayed.
/// </summary>
public sealed class PrincipalCache(IOptions<GridSecurityOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (Principal Principal, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string keyHash, out Principal? principal)
    {
        principal = null;
        if (_entries.TryGetValue(keyHash, out var entry) && entry.Until > clock.GetUtcNow())
        {
            principal = entry.Principal;
        }

        return principal is not null;
    }

    public void Add(string keyHash, Principal principal) =>
        _entries[keyHash] = (principal, clock.GetUtcNow() + options.Value.PrincipalCacheDuration);

    /// <summary>Called on the silo that disables a key, so there it stops working at once.</summary>
    public void Evict(string keyHash) => _entries.TryRemove(keyHash, out _);
}
