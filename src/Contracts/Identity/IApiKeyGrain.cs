using Orleans.Concurrency;

namespace Grid.Contracts.Identity;

/// <summary>
/// One API key's record [key: the key id, the public part of the key]: its SHA-256 hash, whom it
/// stands for, whether it is disabled. Internal: only the silo's filter and identity grains call it.
/// </summary>
[InternalGrain]
public interface IApiKeyGrain : IGrainWithStringKey
{
    Task RegisterAsync(string keyHash, Principal principal);

    /// <summary>The principal when <paramref name="keyHash"/> matches an enabled key; otherwise null.</summary>
    // [ReadOnly]: reads interleave with each other but never with a change, so they see whole states.
    [ReadOnly]
    Task<Principal?> ResolveAsync(string keyHash);

    Task DisableAsync();
}
