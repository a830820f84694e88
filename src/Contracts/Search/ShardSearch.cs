namespace Grid.Contracts.Search;

/// <summary>One probe sent to one shard: top <see cref="K"/> subjects scoring at least <see cref="MinScore"/>.</summary>
[GenerateSerializer, Immutable, Alias("grid.ShardSearch")]
public sealed record ShardSearch(
    [property: Id(0)] float[] Probe,
    [property: Id(1)] string ModelId,
    [property: Id(2)] int K,
    [property: Id(3)] float MinScore);
