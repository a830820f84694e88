using System.Collections.Immutable;

namespace Grid.Contracts.Audit;

/// <summary>
/// <c>audit verify FORCE --with-partners</c>: the force's own verification plus the cross-check of partner anchors —
/// the heads of this force's chain that partners recorded (each must still be in this force's storage as recorded),
/// and the partners' heads this force recorded (checked in their storage).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.audit-partner-verification")]
public sealed record AuditPartnerVerification(
    [property: Id(0)] AuditVerification Local,
    [property: Id(1)] int AnchorsChecked,
    [property: Id(2)] ImmutableArray<AuditAnchorFinding> Findings)
{
    public bool Intact => Local.Intact && (Findings.IsDefault || Findings.IsEmpty);
}
