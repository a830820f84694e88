namespace Grid.Protocol.Audit;

/// <summary>A partner anchor that does not match: <see cref="AnchoredBy"/>'s log recorded entry <see cref="Seq"/> of
/// <see cref="Log"/>'s chain, and <see cref="Log"/>'s storage no longer holds it as recorded.</summary>
public sealed record AuditAnchorFinding(string Log, string AnchoredBy, long Seq, string Problem);
