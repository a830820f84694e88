using System.IO.Hashing;
using System.Text;
using Grid.Contracts.Errors;
using Grid.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Grid.Grains.Placement;

/// <summary>
/// Places <see cref="ForcePinnedPlacement"/> and <see cref="SharedPoolPlacement"/> grains.
/// <list type="bullet">
/// <item>A key <c>F/...</c> goes to a silo labelled F (or F's country) when one is up.</item>
/// <item>When none is up but F is pinned (<see cref="PinnedForces"/>): <see cref="ForceSilosUnavailableException"/>,
/// unless <see cref="GridPlacementOptions.AllowFallback"/>; then, like unpinned forces, the shared pool.</item>
/// <item>The shared pool = unlabelled silos; if there are none, any compatible silo.</item>
/// </list>
/// Among eligible silos the choice is rendezvous (highest-random-weight) hashing of the grain key, so shards
/// spread evenly and a silo joining or leaving moves only about 1/N of them on their next activation.
/// Labels come from Orleans silo metadata (<c>UseSiloMetadata</c>); without it every silo is unlabelled.
/// </summary>
public sealed class ForcePinnedPlacementDirector(
    IServiceProvider services,
    PinnedForces pinned,
    IOptionsMonitor<GridPlacementOptions> options,
    ILogger<ForcePinnedPlacementDirector> logger)
    : IPlacementDirector
{
    private readonly ISiloMetadataCache? _metadata = services.GetService<ISiloMetadataCache>();
    private readonly ForceStorage? _storage = services.GetService<ForceStorage>();

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        Task.FromResult(Place(strategy, target.GrainIdentity.Key.ToString() ?? string.Empty, context.GetCompatibleSilos(target)));

    /// <summary>Where a grain with this strategy and key goes among <paramref name="compatible"/> silos; also asked by
    /// a running shard to learn whether a rebalance should move it.</summary>
    public SiloAddress Place(PlacementStrategy strategy, string key, IReadOnlyList<SiloAddress> compatible)
    {
        var labelled = compatible.Select(s => (Silo: s, Label: LabelOf(s))).ToArray();
        foreach (var (silo, label) in labelled)
        {
            if (label is null) continue;
            pinned.Add(label);
            if (HoldsOwnAccount(silo)) _storage?.MarkOwnAccount(label);
        }

        if (strategy is ForcePinnedPlacement && ForceOf(key) is { } force)
        {
            foreach (var label in ForceLabel.CandidateLabels(force))
            {
                var own = labelled.Where(s => s.Label == label).Select(s => s.Silo).ToArray();
                if (own.Length > 0) return Choose(key, own);
                var ownAccount = _storage?.HasOwnAccount(label) == true;
                if (!pinned.Contains(label) && !ownAccount) continue;
                // A force with its own storage account never falls back: no other silo holds the key to its data.
                if (ownAccount)
                    throw new ForceSilosUnavailableException(
                        $"{key} belongs to force {label}, whose data is in its own storage account; only {label}'s silos hold its key " +
                        $"and none is up. Start one (./grid.sh silo add --force {label}).");
                if (!options.CurrentValue.AllowFallback)
                    throw new ForceSilosUnavailableException(
                        $"Shard {key} is pinned to force {label}'s silos and none is up; it is not moved elsewhere. " +
                        $"Start one (./grid.sh silo add --force {label}) or run the grid with Grid:Placement:AllowFallback=true.");
                logger.LogWarning("No silo of force {Force} is up; placing {Key} on the shared pool (AllowFallback)", label, key);
                break;
            }
        }

        var shared = labelled.Where(s => s.Label is null).Select(s => s.Silo).ToArray();
        return Choose(key, shared.Length > 0 ? shared : compatible);
    }

    /// <summary>The force a pinned grain belongs to. A key that is a bare force id (the audit log's) is pinned only
    /// when the force keeps its data in its own account; otherwise the log stays in the shared pool as before.</summary>
    private string? ForceOf(string key) =>
        ForceLabel.ForceOfKey(key) ?? (_storage?.HasOwnAccount(key) == true ? key : null);

    private bool HoldsOwnAccount(SiloAddress silo) =>
        _metadata?.GetSiloMetadata(silo).Metadata.TryGetValue(ForceLabel.OwnStorageMetadataKey, out var own) == true && own == "own";

    private string? LabelOf(SiloAddress silo) =>
        _metadata?.GetSiloMetadata(silo).Metadata.TryGetValue(ForceLabel.MetadataKey, out var label) == true && !string.IsNullOrWhiteSpace(label)
            ? label
            : null;

    /// <summary>Rendezvous hashing: the silo with the highest hash of (key, silo) wins.</summary>
    public static SiloAddress Choose(string key, IReadOnlyList<SiloAddress> silos)
    {
        if (silos.Count == 0) throw new OrleansException($"No compatible silo to place {key} on.");
        SiloAddress? best = null;
        ulong bestScore = 0;
        foreach (var silo in silos)
        {
            var score = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(key + "|" + silo.ToParsableString()));
            if (best is null || score > bestScore) (best, bestScore) = (silo, score);
        }
        return best!;
    }
}
