namespace Grid.Grains.Sharing;

/// <summary>Searches counted against an agreement on one UTC day.</summary>
[GenerateSerializer, Immutable, Alias("grid.quota-usage")]
public sealed record QuotaUsage([property: Id(0)] DateOnly Day, [property: Id(1)] int Used)
{
    public static readonly QuotaUsage None = new(DateOnly.MinValue, 0);
}
