using Grid.Contracts.Errors;

namespace Grid.Grains.Placement;

/// <summary>
/// Whether a running shard sits where placement would now put it (a rebalance asks after silos join or leave).
/// Only silos placement itself would consider count: active, and already known to host the grain type (a silo
/// that just joined is Active a few seconds before its grain manifest reaches the others).
/// </summary>
public sealed class ShardRelocation(
    ForcePinnedPlacementDirector placement,
    IClusterMembershipService membership,
    IClusterManifestProvider manifests)
{
    /// <summary>The silo placement prefers for grain <paramref name="key"/> of <paramref name="type"/>, or null
    /// when that is <paramref name="current"/> or no silo of its force is available (nowhere better: stay).</summary>
    public SiloAddress? BetterSilo(GrainType type, string key, SiloAddress current)
    {
        var cluster = manifests.Current;
        var active = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active
                && cluster.Silos.TryGetValue(m.SiloAddress, out var manifest) && manifest.Grains.ContainsKey(type))
            .Select(m => m.SiloAddress).ToArray();
        try
        {
            var preferred = placement.Place(ForcePinnedPlacement.Instance, key, active);
            return preferred.Equals(current) ? null : preferred;
        }
        catch (ForceSilosUnavailableException)
        {
            return null;
        }
    }
}
