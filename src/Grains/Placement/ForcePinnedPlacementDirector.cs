using System.Collections.Concurrent;
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
/// <item>A silo whose labels have not reached this silo yet counts as none of these (<see cref="SiloPlacementInfo.Known"/>).</item>
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
    private readonly SiloAddress? _local = services.GetService<ILocalSiloDetails>()?.SiloAddress;
    private readonly IReadOnlyDictionary<string, string>? _own = services.GetService<IOptions<SiloMetadata>>()?.Value.Metadata;

    /// <summary>Since when each silo with not yet known labels has been seen (see <see cref="SiloPlacementInfo.Known"/>).</summary>
    private readonly ConcurrentDictionary<SiloAddress, long> _unknownSince = new();

    /// <summary>How long a new activation waits for a just-listed silo's labels before placing without that silo.</summary>
    public static readonly TimeSpan LabelWait = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A placement hint (<see cref="IPlacementDirector.PlacementHintKey"/>, set by a rebalance before
    /// <c>MigrateOnIdle</c>) is honoured only when the hinted silo is one this policy may choose for the key: a hint
    /// moves a shard among its force's silos (or within the shared pool), never off them. A silo whose labels have
    /// not reached this one yet is waited for briefly (<see cref="LabelWait"/>), then left out: taking it for the
    /// shared pool could put one force's grains on another force's silo.
    /// </summary>
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString() ?? string.Empty;
        var compatible = context.GetCompatibleSilos(target);
        var silos = Describe(compatible);
        while (silos.Any(s => !s.Known && WithinLabelWait(s.Silo)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            silos = Describe(compatible);
        }
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, compatible) is { } hint
            && Eligible(strategy, key, silos).Contains(hint))
            return hint;
        return Choose(key, Eligible(strategy, key, silos));
    }

    /// <summary>Where a grain with this strategy and key goes among <paramref name="compatible"/> silos (without
    /// waiting for unknown labels); also asked by a running shard to learn whether a rebalance should move it.</summary>
    public SiloAddress Place(PlacementStrategy strategy, string key, IReadOnlyList<SiloAddress> compatible) =>
        Choose(key, Eligible(strategy, key, Describe(compatible)));

    /// <summary>What this silo knows of each silo's labels now.</summary>
    public SiloPlacementInfo[] Describe(IReadOnlyList<SiloAddress> silos)
    {
        if (_metadata is null) return silos.Select(SiloPlacementInfo.Unlabelled).ToArray(); // a grid without labels
        // Only a grid whose silos mark their metadata can tell "not learnt yet" from "unlabelled".
        var marked = _own?.ContainsKey(ForceLabel.PresenceMetadataKey) == true;
        return silos.Select(silo =>
        {
            var data = _own is not null && silo.Equals(_local) ? _own : _metadata.GetSiloMetadata(silo).Metadata;
            var known = !marked || data.ContainsKey(ForceLabel.PresenceMetadataKey);
            if (known) _unknownSince.TryRemove(silo, out _);
            else _unknownSince.TryAdd(silo, Environment.TickCount64);
            var label = data.TryGetValue(ForceLabel.MetadataKey, out var l) && !string.IsNullOrWhiteSpace(l) ? l : null;
            var own = data.TryGetValue(ForceLabel.OwnStorageMetadataKey, out var o) && o == "own";
            return new SiloPlacementInfo(silo, known, label, own);
        }).ToArray();
    }

    private bool WithinLabelWait(SiloAddress silo) =>
        _unknownSince.TryGetValue(silo, out var since) && Environment.TickCount64 - since < (long)LabelWait.TotalMilliseconds;

    /// <summary>The silos this policy may put <paramref name="key"/> on; rendezvous hashing picks one of them. Silos
    /// whose labels are not known yet are never eligible.</summary>
    public IReadOnlyList<SiloAddress> Eligible(PlacementStrategy strategy, string key, IReadOnlyList<SiloPlacementInfo> silos)
    {
        var labelled = silos.Where(s => s.Known).ToArray();
        foreach (var silo in labelled)
        {
            if (silo.Label is null) continue;
            pinned.Add(silo.Label);
            if (silo.OwnAccount) _storage?.MarkOwnAccount(silo.Label);
        }

        if (strategy is ForcePinnedPlacement && ForceOf(key) is { } force)
        {
            foreach (var label in ForceLabel.CandidateLabels(force))
            {
                var own = labelled.Where(s => s.Label == label).Select(s => s.Silo).ToArray();
                if (own.Length > 0) return own;
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
        return shared.Length > 0 ? shared : labelled.Select(s => s.Silo).ToArray();
    }

    /// <summary>The force a pinned grain belongs to. A key that is a bare force id (the audit log's) is pinned only
    /// when the force keeps its data in its own account; otherwise the log stays in the shared pool as before.</summary>
    private string? ForceOf(string key) =>
        ForceLabel.ForceOfKey(key) ?? (_storage?.HasOwnAccount(key) == true ? key : null);

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
