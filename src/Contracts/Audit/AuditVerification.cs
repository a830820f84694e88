namespace Grid.Contracts.Audit;

/// <summary>The result of checking a chain: intact, or the first sequence number that is wrong and why.</summary>
[GenerateSerializer, Immutable, Alias("grid.audit-verification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long Entries,
    [property: Id(2)] long? FirstBadSeq,
    [property: Id(3)] string? Problem,
    [property: Id(4)] string HeadHash);
