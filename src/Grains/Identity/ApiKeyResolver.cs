using Grid.Contracts.Identity;
using Grid.Grains.Search;

namespace Grid.Grains.Identity;

/// <summary>
/// The one place a presented API key becomes a principal: a malformed key is refused without a lookup, a cached
/// success is reused for a few seconds, anything else asks the key's own grain. Used by the incoming grain-call
/// filter and by the HTTPS front door (which authenticates before it calls any grain).
/// </summary>
public sealed class ApiKeyResolver(PrincipalCache cache, IGrainFactory grains)
{
    /// <summary>The principal for <paramref name="key"/>, or null when it is malformed, unknown, disabled or wrong.</summary>
    public async Task<Principal?> ResolveAsync(string? key)
    {
        if (!ApiKeyHasher.TryGetKeyId(key, out var keyId))
        {
            return null;
        }

        var hash = ApiKeyHasher.Hash(key!);
        if (cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        // The key's grain may sit on a silo that just died: wait for it to re-activate on a survivor (seconds) rather
        // than fail the caller's search or write with "did not answer in time" (found by the soak).
        var principal = await SiloFailover.CallAsync(() => grains.GetGrain<IApiKeyGrain>(keyId).ResolveAsync(hash));
        if (principal is not null)
        {
            cache.Add(hash, principal);
        }

        return principal;
    }

    /// <summary>The principal for <paramref name="key"/> only if it was resolved moments ago (no grain call).</summary>
    public Principal? ResolveCached(string? key) =>
        ApiKeyHasher.TryGetKeyId(key, out _) && cache.TryGet(ApiKeyHasher.Hash(key!), out var cached) ? cached : null;

    /// <summary>True when <paramref name="key"/> has the shape of a grid key (no lookup is made).</summary>
    public static bool IsWellFormed(string? key) => ApiKeyHasher.TryGetKeyId(key, out _);
}
