using System.Collections.Immutable;

namespace Grid.Contracts.Sharing;

/// <summary>An agreement as its two forces see it; <see cref="Status"/> already accounts for expiry.</summary>
[GenerateSerializer, Immutable, Alias("grid.agreement-view")]
public sealed record AgreementView(
    [property: Id(0)] AgreementKey Key,
    [property: Id(1)] int Version,
    [property: Id(2)] AgreementStatus Status,
    [property: Id(3)] AgreementTerms? Terms,
    [property: Id(4)] ImmutableArray<AgreementChange> History);
