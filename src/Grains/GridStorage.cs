namespace Grid.Grains;

public static class GridStorage
{
    /// <summary>The grain storage provider holding gallery configs, agreements and audit state.</summary>
    public const string GrainStateStore = "grid";
}
