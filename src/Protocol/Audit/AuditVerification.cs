namespace Grid.Protocol.Audit;

/// <summary>The result of checking a chain: intact, or the first bad sequence number and why.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long? FirstBadSeq, string? Problem, string HeadHash);
