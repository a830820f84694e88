namespace Grid.Contracts.Galleries;

[GenerateSerializer, Immutable, Alias("grid.ShardStatus")]
public sealed record ShardStatus(
    [property: Id(0)] string Key,
    [property: Id(1)] long Templates,
    [property: Id(2)] long Subjects,
    [property: Id(3)] long MemoryBytes,
    [property: Id(4)] string Silo,
    [property: Id(5)] string? Note,
    [property: Id(6)] string? Engine = null,
    [property: Id(7)] ShardReindexStatus? Reindex = null);
