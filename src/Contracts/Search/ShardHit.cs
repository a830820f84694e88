namespace Grid.Contracts.Search;

/// <summary>A subject's best score in one shard.</summary>
[GenerateSerializer, Immutable, Alias("grid.ShardHit")]
public readonly record struct ShardHit([property: Id(0)] string SubjectRef, [property: Id(1)] float Score);
