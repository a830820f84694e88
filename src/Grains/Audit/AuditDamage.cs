namespace Grid.Grains.Audit;

/// <summary>A damaged record inside a segment: <paramref name="EntriesBefore"/> readable entries of the
/// segment precede it, which places it in the chain; <paramref name="Problem"/> says what is wrong and where.</summary>
public sealed record AuditDamage(int EntriesBefore, string Problem);
