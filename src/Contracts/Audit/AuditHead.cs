namespace Grid.Contracts.Audit;

/// <summary>A point in a force's chain: entry <see cref="Seq"/> with its keyed <see cref="Hash"/>. Recorded in a
/// partner's log (a partner anchor), it pins that entry where the force's own storage insider cannot reach.</summary>
[GenerateSerializer, Immutable, Alias("grid.audit-head")]
public sealed record AuditHead([property: Id(0)] long Seq, [property: Id(1)] string Hash);
