using Grid.Contracts.Sharing;

namespace Grid.Contracts.Search;

/// <summary>One probe sent to one shard: top <see cref="K"/> subjects scoring at least <see cref="MinScore"/>.
/// The shard checks <see cref="Purpose"/> and, for a partner's gallery, the agreement's signed <see cref="Ticket"/>
/// itself — a coordinator bug alone cannot make it answer.</summary>
[GenerateSerializer, Immutable, Alias("grid.ShardSearch")]
public sealed record ShardSearch(
    [property: Id(0)] float[] Probe,
    [property: Id(1)] string ModelId,
    [property: Id(2)] int K,
    [property: Id(3)] float MinScore,
    [property: Id(4)] SearchPurpose Purpose,
    [property: Id(5)] SearchTicket? Ticket);
