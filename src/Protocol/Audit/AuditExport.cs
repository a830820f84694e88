namespace Grid.Protocol.Audit;

/// <summary>A force's retained entries and the anchor before the first of them: enough to verify the chain outside the grid.</summary>
public sealed record AuditExport(string Force, long AnchorSeq, string AnchorHash, AuditEntry[] Entries);
