namespace Grid.Contracts.Identity;

[GenerateSerializer, Immutable, Alias("grid.force-view")]
public sealed record ForceView(
    [property: Id(0)] ForceId Force,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] bool Disabled,
    [property: Id(3)] DateTimeOffset Created,
    [property: Id(4)] int UserCount);
