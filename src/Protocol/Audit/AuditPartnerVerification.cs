namespace Grid.Protocol.Audit;

/// <summary>The force's own verification plus the cross-check of partner anchors (heads of its chain that partners
/// recorded, and partners' heads it recorded); <see cref="Intact"/> only when both agree.</summary>
public sealed record AuditPartnerVerification(AuditVerification Local, int AnchorsChecked, AuditAnchorFinding[] Findings, bool Intact);
