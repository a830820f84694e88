namespace Grid.Grains.Placement;

/// <summary>Configuration section <c>Grid:Placement</c> (environment: <c>Grid__Placement__AllowFallback=true</c>).</summary>
public sealed class GridPlacementOptions
{
    public const string Section = "Grid:Placement";

    /// <summary>When every silo of a pinned force is down: false (default) = its shards are unavailable
    /// (searches report them Failed in the coverage, enrolments stop with a resume point); true = they
    /// activate on the shared pool instead, reading the same blobs.</summary>
    public bool AllowFallback { get; set; }

    /// <summary>Forces pinned even before any of their silos has been seen (besides the ones that register
    /// themselves in storage when their silo starts).</summary>
    public string[] PinnedForces { get; set; } = [];
}
