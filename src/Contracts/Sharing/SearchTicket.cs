using System.Collections.Immutable;
using Grid.Contracts.Galleries;

namespace Grid.Contracts.Sharing;

/// <summary>
/// A short-lived permission, signed by the owner's agreement grain (ECDSA P-256 with the owner
/// force's own key), for one requester user to search named galleries of the owner for one purpose with
/// caps. Each owner's shard verifies it independently before it reads anything.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.search-ticket")]
public sealed record SearchTicket(
    [property: Id(0)] AgreementKey Agreement,
    [property: Id(1)] int AgreementVersion,
    [property: Id(2)] string User,
    [property: Id(3)] ImmutableArray<GalleryId> Galleries,
    [property: Id(4)] SearchPurpose Purpose,
    [property: Id(5)] int MaxCandidates,
    [property: Id(6)] float MinScore,
    [property: Id(7)] DateTimeOffset IssuedAt,
    [property: Id(8)] DateTimeOffset ExpiresAt,
    [property: Id(9)] string Nonce,
    [property: Id(10)] string Signature);
