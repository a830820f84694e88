namespace Grid.Contracts.Identity;

/// <summary>A newly issued API key. <see cref="Key"/> is shown this once; the grid keeps only its hash.</summary>
[GenerateSerializer, Immutable, Alias("grid.api-key-issued")]
public sealed record ApiKeyIssued(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Key,
    [property: Id(2)] Principal Principal);
