using System.Collections.Immutable;
using Grid.Contracts.Identity;

namespace Grid.Contracts.Audit;

/// <summary>
/// Everything needed to verify a force's log outside the grid: entries after retention plus the
/// anchor (the sequence and hash just before the first retained entry; 0 and the zero hash at first). Entries
/// before <see cref="KeyedFromSeq"/> were hashed without a key (logs begun before issue 9); the rest are keyed,
/// so verifying them needs the force's audit key, which only silos hold.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.audit-export")]
public sealed record AuditExport(
    [property: Id(0)] ForceId Force,
    [property: Id(1)] long AnchorSeq,
    [property: Id(2)] string AnchorHash,
    [property: Id(3)] ImmutableArray<AuditEntry> Entries,
    [property: Id(4)] long KeyedFromSeq = 0);
