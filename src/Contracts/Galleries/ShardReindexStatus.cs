namespace Grid.Contracts.Galleries;

/// <summary>A shard's re-index: the engine it builds, rows copied of those it held when the build began, and
/// whether it still runs; <see cref="Error"/> says why the last one failed (the old index kept serving).</summary>
[GenerateSerializer, Immutable, Alias("grid.ShardReindexStatus")]
public sealed record ShardReindexStatus(
    [property: Id(0)] string Target,
    [property: Id(1)] long Done,
    [property: Id(2)] long Total,
    [property: Id(3)] bool Running,
    [property: Id(4)] string? Error);
