namespace Grid.Contracts.Search;

/// <summary>How one shard fared in a search; <see cref="Error"/> says why when it did not answer.</summary>
[GenerateSerializer, Immutable, Alias("grid.ShardReport")]
public sealed record ShardReport(
    [property: Id(0)] string Shard,
    [property: Id(1)] ShardOutcome Outcome,
    [property: Id(2)] string? Error);
