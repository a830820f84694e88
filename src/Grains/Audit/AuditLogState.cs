using Grid.Contracts.Audit;

namespace Grid.Grains.Audit;

/// <summary>
/// A force's chain as stored: entries after retention, the anchor they start from, the head kept
/// apart from the entries (so a cut-off tail shows), and the counts-only statistics by partner.
/// </summary>
[GenerateSerializer, Alias("grid.audit-log-state")]
public sealed class AuditLogState
{
    [Id(0)]
    public long AnchorSeq { get; set; }

    [Id(1)]
    public string AnchorHash { get; set; } = AuditChain.ZeroHash;

    [Id(2)]
    public List<AuditEntry> Entries { get; set; } = [];

    [Id(3)]
    public long HeadSeq { get; set; }

    [Id(4)]
    public string HeadHash { get; set; } = AuditChain.ZeroHash;

    [Id(5)]
    public Dictionary<string, PartnerStats> Stats { get; set; } = [];
}
