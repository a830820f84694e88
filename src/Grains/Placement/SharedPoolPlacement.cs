namespace Grid.Grains.Placement;

/// <summary>
/// The grid's default placement (every grain class without its own placement attribute): on the unlabelled
/// silos — the shared pool — when any is up, otherwise on any compatible silo. Keeps galleries, agreements,
/// audit logs and identity off the force-pinned silos, so stopping a force's silo never takes them down.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("grid.SharedPoolPlacement")]
public sealed class SharedPoolPlacement : PlacementStrategy
{
    public static readonly SharedPoolPlacement Instance = new();
}
