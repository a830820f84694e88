using Orleans.Placement;

namespace Grid.Grains.Placement;

/// <summary>Marks a grain class keyed <c>FORCE/...</c> as pinned to its force's silos (<see cref="ForcePinnedPlacement"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ForcePinnedPlacementAttribute() : PlacementAttribute(ForcePinnedPlacement.Instance);
