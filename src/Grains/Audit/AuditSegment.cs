using Grid.Contracts.Audit;

namespace Grid.Grains.Audit;

/// <summary>
/// What one audit segment blob holds, as <see cref="AuditLogCodec.Decode"/> read it: its anchor, its
/// readable entries, the first damaged record before the end (tampering, never skipped silently) and
/// whether an incomplete or damaged last record was ignored (an append that was never acknowledged).
/// </summary>
public sealed class AuditSegment
{
    public required long Number { get; init; }

    public AuditAnchor? Anchor { get; set; }

    public List<AuditEntry> Entries { get; } = [];

    /// <summary>Bytes up to the end of the last whole record: where the next append would go.</summary>
    public long ValidLength { get; set; }

    public long Length { get; set; }

    public bool TornTail { get; set; }

    /// <summary>The first damaged record before the tail, or null.</summary>
    public AuditDamage? Damage { get; set; }
}
