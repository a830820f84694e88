namespace Grid.Grains.Placement;

/// <summary>
/// Placement of grains keyed <c>FORCE/...</c> (gallery shards): on the silos labelled with that force
/// (<see cref="ForceLabel.MetadataKey"/>) whenever one is up; see <see cref="ForcePinnedPlacementDirector"/>.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("grid.ForcePinnedPlacement")]
public sealed class ForcePinnedPlacement : PlacementStrategy
{
    public static readonly ForcePinnedPlacement Instance = new();
}
