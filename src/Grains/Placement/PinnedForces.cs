using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Placement;

/// <summary>
/// The forces that run their own silos. A force once pinned stays pinned while its silos are down, so its
/// shards are reported unavailable instead of quietly moving to the shared pool. Fed by configuration, by
/// the labels seen on live silos, and by the silo host's registry in blob storage (which survives restarts).
/// </summary>
public sealed class PinnedForces
{
    private readonly ConcurrentDictionary<string, byte> _forces = new(StringComparer.Ordinal);

    public PinnedForces(IOptions<GridPlacementOptions> options)
    {
        foreach (var force in options.Value.PinnedForces) Add(force);
    }

    public void Add(string force)
    {
        if (!string.IsNullOrWhiteSpace(force)) _forces.TryAdd(force.Trim(), 0);
    }

    public bool Contains(string label) => _forces.ContainsKey(label);

    public IReadOnlyCollection<string> All => _forces.Keys.Order(StringComparer.Ordinal).ToArray();
}
