using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Identity;
using Grid.Grains.Placement;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Audit;

/// <summary>
/// A force's append-only audit log [key: FORCE]. Not reentrant: appends are serialised, which is
/// what keeps the chain a chain. Durable form: append-blob segments and a keyed head record (<see cref="AuditLog"/>),
/// one record written per append, so an append costs the same after years of entries as on the first day. The
/// chain is keyed with the force's audit key (<see cref="GridKeys.AuditKey"/>), which storage never holds.
/// </summary>
// Pinned to the force's silos only when the force keeps its data in its own storage account (see ForcePinnedPlacementDirector).
[ForcePinnedPlacement]
public sealed class AuditLogGrain(
    AuditBlobStore store, IOptions<AuditOptions> options, IOptions<GridSecurityOptions> security, GridKeys keys, TimeProvider clock)
    : Grain, IAuditLogGrain
{
    private const int MaxRead = 1000;
    private ForceId _force = null!;
    private AuditLog _log = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _force = ForceId.Parse(this.GetPrimaryKeyString());
        _log = await AuditLog.OpenAsync(_force, store, options.Value, clock, keys.AuditKey(_force), security.Value.AdoptUnsealedState);
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

    public Task<AuditHead> HeadAsync()
    {
        GridRequestContext.RequireInternalCall();
        return Task.FromResult(new AuditHead(_log.Chain.HeadSeq, _log.Chain.HeadHash));
    }

    public Task<ImmutableArray<AuditHead>> AnchorsHeldForAsync(ForceId partner)
    {
        GridRequestContext.RequireInternalCall();
        return Task.FromResult(_log.Chain.Entries.Where(e => e.Partner == partner && e.PartnerHead is not null)
            .Select(e => e.PartnerHead!).Distinct().ToImmutableArray());
    }

    public async Task<ImmutableArray<AuditAnchorFinding>> CheckAnchorsAsync(ForceId holder, ImmutableArray<AuditHead> heads)
    {
        GridRequestContext.RequireInternalCall();
        var problems = await _log.CheckAnchorsAsync(heads.IsDefault ? [] : heads);
        return [.. problems.Select(p => new AuditAnchorFinding(_force, holder, p.Seq, p.Problem))];
    }

    public async Task<AuditPartnerVerification> VerifyWithPartnersAsync()
    {
        RequireReader();
        var local = await _log.VerifyStorageAsync();

        // Every member force, not just the partners this (possibly rolled back) log still remembers.
        var members = await GrainFactory.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListMemberIdsAsync();
        var findings = ImmutableArray.CreateBuilder<AuditAnchorFinding>();
        var checkedCount = 0;
        foreach (var partner in members.Where(m => m != _force))
        {
            var partnerLog = GrainFactory.GetGrain<IAuditLogGrain>(partner.Value);
            var theirs = await partnerLog.AnchorsHeldForAsync(_force);
            checkedCount += theirs.Length;
            findings.AddRange((await _log.CheckAnchorsAsync(theirs)).Select(p => new AuditAnchorFinding(_force, partner, p.Seq, p.Problem)));

            var ours = _log.Chain.Entries.Where(e => e.Partner == partner && e.PartnerHead is not null).Select(e => e.PartnerHead!).Distinct().ToImmutableArray();
            checkedCount += ours.Length;
            if (ours.Length > 0)
            {
                findings.AddRange(await partnerLog.CheckAnchorsAsync(_force, ours));
            }
        }

        return new AuditPartnerVerification(local, checkedCount, findings.ToImmutable());
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
