using System.Collections.Immutable;
using Grid.Contracts.Identity;

namespace Grid.Contracts.Audit;

[GenerateSerializer, Immutable, Alias("grid.stats-view")]
public sealed record StatsView(
    [property: Id(0)] ForceId Force,
    [property: Id(1)] ImmutableArray<PartnerStats> Partners);
