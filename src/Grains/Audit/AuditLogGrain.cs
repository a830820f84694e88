using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Audit;

/// <summary>
/// A force's append-only audit log [key: FORCE]. Not reentrant: appends are serialised, which is
/// what keeps the chain a chain. Durable form: append-blob segments (<see cref="AuditLog"/>), one
/// record written per append, so an append costs the same after years of entries as on the first day.
/// </summary>
public sealed class AuditLogGrain(AuditBlobStore store, IOptions<AuditOptions> options, TimeProvider clock) : Grain, IAuditLogGrain
{
    private const int MaxRead = 1000;
    private ForceId _force = null!;
    private AuditLog _log = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _force = ForceId.Parse(this.GetPrimaryKeyString());
        _log = await AuditLog.OpenAsync(_force, store, options.Value, clock);
    }

    public async Task<AuditEntry> AppendAsync(AuditEvent entry)
    {
        GridRequestContext.RequireInternalCall();
        try
        {
            return await _log.AppendAsync(entry);
        }
        catch
        {
            // Memory may now be ahead of storage: start again from storage on the next call.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<ImmutableArray<AuditEntry>> ReadAsync(long afterSeq, int max)
    {
        RequireReader();
        return Task.FromResult(_log.Chain.Entries.Where(e => e.Seq > afterSeq).Take(Math.Clamp(max, 0, MaxRead)).ToImmutableArray());
    }

    /// <summary>Verifies what storage holds now, not what this activation remembers.</summary>
    public async Task<AuditVerification> VerifyAsync()
    {
        RequireReader();
        return await _log.VerifyStorageAsync();
    }

    public Task<AuditExport> ExportAsync()
    {
        RequireReader();
        return Task.FromResult(_log.Chain.Export());
    }

    public Task<StatsView> GetStatsAsync()
    {
        RequireReader();
        return Task.FromResult(new StatsView(_force, _log.Stats));
    }

    private void RequireReader()
    {
        var principal = GridRequestContext.RequirePrincipal();
        if (!principal.IsOperator && !principal.Acts(_force, Role.Auditor))
        {
            throw new GridAccessDeniedException($"{principal} is not an auditor of {_force}.");
        }
    }
}
