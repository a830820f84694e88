namespace Grid.Contracts.Galleries;

/// <summary>One subject's removal as the force's erasure list records it, replayed by a restore (docs/OPERATIONS.md).</summary>
[GenerateSerializer, Immutable, Alias("grid.SubjectErasure")]
public sealed record SubjectErasure(
    [property: Id(0)] GalleryId Gallery,
    [property: Id(1)] string SubjectRef,
    [property: Id(2)] DateTimeOffset Utc);
