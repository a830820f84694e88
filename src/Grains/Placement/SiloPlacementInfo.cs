namespace Grid.Grains.Placement;

/// <summary>
/// What placement on this silo knows about one silo. <see cref="Known"/> is false while that silo's metadata has not
/// reached this silo yet (Orleans fetches it a moment after membership lists the silo, and a failed fetch is not
/// retried for a while): its labels are then unknown, not absent, and placement must not treat it as the shared pool.
/// </summary>
public sealed record SiloPlacementInfo(SiloAddress Silo, bool Known, string? Label, bool OwnAccount)
{
    /// <summary>A silo in a grid whose silos carry no labels at all (tests, a grid without forces of its own).</summary>
    public static SiloPlacementInfo Unlabelled(SiloAddress silo) => new(silo, true, null, false);
}
