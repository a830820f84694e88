using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Contracts.Audit;

/// <summary>
/// A force's append-only, hash-chained log [key: FORCE], with its statistics. Appends come only
/// from silos; reading, verifying, exporting and statistics need the force's auditor or the operator.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Interleaves so that appends arriving during a write join the next group commit; the grain
    /// still writes one group at a time, in order.</summary>
    [AlwaysInterleave]
    Task<AuditEntry> AppendAsync(AuditEvent entry);

    /// <summary>Silo-internal: queues <paramref name="entry"/> for the next group commit without starting one, and
    /// returns once it is queued (not once it is stored). The next <see cref="AppendAsync"/> writes it first; with none,
    /// the head flush timer writes it within <c>Grid:Audit:HeadFlushInterval</c>, and deactivation writes it too. For
    /// what may trail the reply it belongs to (a search's outcome), never for what must be stored before it.</summary>
    [AlwaysInterleave]
    Task AppendLaterAsync(AuditEvent entry);

    // [ReadOnly]: reads interleave with each other; they see only entries storage holds (appends interleave with them).
    [ReadOnly]
    Task<ImmutableArray<AuditEntry>> ReadAsync(long afterSeq, int max);

    [ReadOnly]
    Task<AuditVerification> VerifyAsync();

    [ReadOnly]
    Task<AuditExport> ExportAsync();

    [ReadOnly]
    Task<StatsView> GetStatsAsync();

    /// <summary>Silo-internal: the head of the chain now (what a partner records as its anchor).</summary>
    [ReadOnly]
    Task<AuditHead> HeadAsync();

    /// <summary>Silo-internal: the heads of <paramref name="partner"/>'s chain this log recorded.</summary>
    [ReadOnly]
    Task<ImmutableArray<AuditHead>> AnchorsHeldForAsync(Identity.ForceId partner);

    /// <summary>Silo-internal: which of <paramref name="heads"/> (anchored by <paramref name="holder"/>) storage no longer holds as recorded.</summary>
    [ReadOnly]
    Task<ImmutableArray<AuditAnchorFinding>> CheckAnchorsAsync(Identity.ForceId holder, ImmutableArray<AuditHead> heads);

    /// <summary>Verifies storage and cross-checks the anchors every member force holds for this log and this log holds for them.</summary>
    [ReadOnly]
    Task<AuditPartnerVerification> VerifyWithPartnersAsync();
}
