namespace Grid.Grains.Identity;

/// <summary>
/// Which grain interfaces the security filters govern: the grid's own (namespace <c>Grid.</c>).
/// Orleans' own system grains are left to Orleans, so its internals keep working.
/// </summary>
public static class GridGrainInterfaces
{
    public static bool Governs(Type? interfaceType) =>
        interfaceType?.Namespace is { } ns && (ns == "Grid" || ns.StartsWith("Grid.", StringComparison.Ordinal));
}
