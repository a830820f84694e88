using Grid.Protocol.Audit;

namespace Grid.Client;

/// <summary>A force's audit log, as <c>client.Audit(force)</c>.</summary>
public sealed class GridAudit(IGridClient client, string force)
{
    /// <summary>Every retained entry with hashes and the anchor (optionally since a time).</summary>
    public Task<AuditExport> ExportAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) => client.GetAuditAsync(force, since, cancellationToken);

    /// <summary>Recomputes the chain.</summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) => client.VerifyAuditAsync(force, cancellationToken);

    /// <summary>Recomputes the chain and cross-checks partners' anchors.</summary>
    public Task<AuditPartnerVerification> VerifyWithPartnersAsync(CancellationToken cancellationToken = default) => client.VerifyAuditWithPartnersAsync(force, cancellationToken);

    /// <summary>Counts per partner.</summary>
    public Task<StatsView> GetStatsAsync(CancellationToken cancellationToken = default) => client.GetStatsAsync(force, cancellationToken);
}
