using Grid.Contracts.Identity;

namespace Grid.Contracts.Audit;

/// <summary>A partner anchor that does not match: <see cref="AnchoredBy"/>'s log recorded entry <see cref="Seq"/> of
/// <see cref="Log"/>'s chain, and <see cref="Log"/>'s storage no longer holds it as recorded.</summary>
[GenerateSerializer, Immutable, Alias("grid.audit-anchor-finding")]
public sealed record AuditAnchorFinding(
    [property: Id(0)] ForceId Log,
    [property: Id(1)] ForceId AnchoredBy,
    [property: Id(2)] long Seq,
    [property: Id(3)] string Problem);
