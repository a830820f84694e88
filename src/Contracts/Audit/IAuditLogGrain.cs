using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Contracts.Audit;

/// <summary>
/// A force's append-only, hash-chained log [key: FORCE], with its statistics. Appends come only
/// from silos; reading, verifying, exporting and statistics need the force's auditor or the operator.
/// </summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    Task<AuditEntry> AppendAsync(AuditEvent entry);

    // [ReadOnly]: reads interleave with each other but never with a change, so they see whole states.
    [ReadOnly]
    Task<ImmutableArray<AuditEntry>> ReadAsync(long afterSeq, int max);

    [ReadOnly]
    Task<AuditVerification> VerifyAsync();

    [ReadOnly]
    Task<AuditExport> ExportAsync();

    [ReadOnly]
    Task<StatsView> GetStatsAsync();
}
