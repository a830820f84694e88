namespace Grid.Contracts.Galleries;

/// <summary>A re-index the gallery was asked for and has not yet seen finish on every shard: from which engines,
/// to which, who asked and when.</summary>
[GenerateSerializer, Immutable, Alias("grid.GalleryReindex")]
public sealed record GalleryReindex(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] string RequestedBy,
    [property: Id(3)] DateTimeOffset StartedAt);
