using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Audit;

/// <summary>
/// A force's append-only audit log [key: FORCE]. Not reentrant: appends are serialised, which is
/// what keeps the chain a chain. The whole chain is grain state in storage "grid" for now; every
/// append rewrites it, which is fine for a demo and not for years of entries (see the report).
/// </summary>
public sealed class AuditLogGrain(
    [PersistentState("audit", "grid")] IPersistentState<AuditLogState> state,
    IOptions<AuditOptions> options,
    TimeProvider clock) : Grain, IAuditLogGrain
{
    private const int MaxRead = 1000;
    private ForceId _force = null!;
    private AuditChain _chain = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _force = ForceId.Parse(this.GetPrimaryKeyString());
        _chain = Load();
        return Task.CompletedTask;
    }

    public async Task<AuditEntry> AppendAsync(AuditEvent entry)
    {
        GridRequestContext.RequireInternalCall();
        var now = clock.GetUtcNow();
        var appended = _chain.Append(entry, now);
        var pruned = _chain.Prune(now - options.Value.Retention);

        // The stored list mirrors the chain: append at the end, retention drops from the front.
        var s = state.State;
        s.Entries.Add(appended);
        s.Entries.RemoveRange(0, pruned);

        (s.AnchorSeq, s.AnchorHash, s.HeadSeq, s.HeadHash) = (_chain.AnchorSeq, _chain.AnchorHash, appended.Seq, appended.Hash);
        Count(s.Stats, appended);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory is now ahead of storage: start again from storage on the next call.
            DeactivateOnIdle();
            throw;
        }

        return appended;
    }

    public Task<ImmutableArray<AuditEntry>> ReadAsync(long afterSeq, int max)
    {
        RequireReader();
        return Task.FromResult(_chain.Entries.Where(e => e.Seq > afterSeq).Take(Math.Clamp(max, 0, MaxRead)).ToImmutableArray());
    }

    /// <summary>Verifies what storage holds now, not what this activation remembers.</summary>
    public async Task<AuditVerification> VerifyAsync()
    {
        RequireReader();
        await state.ReadStateAsync();
        _chain = Load();
        return _chain.Verify(state.State.HeadSeq, state.State.HeadHash);
    }

    public Task<AuditExport> ExportAsync()
    {
        RequireReader();
        return Task.FromResult(_chain.Export());
    }

    public Task<StatsView> GetStatsAsync()
    {
        RequireReader();
        return Task.FromResult(new StatsView(_force, [.. state.State.Stats.Values.OrderBy(p => p.Partner.Value, StringComparer.Ordinal)]));
    }

    private AuditChain Load() => new(_force, state.State.AnchorSeq, state.State.AnchorHash, state.State.Entries);

    private void RequireReader()
    {
        var principal = GridRequestContext.RequirePrincipal();
        if (!principal.IsOperator && !principal.Acts(_force, Role.Auditor))
        {
            throw new GridAccessDeniedException($"{principal} is not an auditor of {_force}.");
        }
    }

    private void Count(Dictionary<string, PartnerStats> stats, AuditEntry entry)
    {
        if (entry.Kind is not (AuditKind.OutgoingSearch or AuditKind.IncomingSearch or AuditKind.Refusal))
        {
            return;
        }

        var partner = entry.Partner ?? _force;
        var s = stats.GetValueOrDefault(partner.Value) ?? new PartnerStats(partner, 0, 0, 0, 0, 0);
        stats[partner.Value] = entry.Kind switch
        {
            AuditKind.OutgoingSearch => s with { SearchesMade = s.SearchesMade + 1, CandidatesReceived = s.CandidatesReceived + entry.CandidateCount },
            AuditKind.IncomingSearch => s with { SearchesReceived = s.SearchesReceived + 1, CandidatesReturned = s.CandidatesReturned + entry.CandidateCount },
            _ => s with { Refusals = s.Refusals + 1 },
        };
    }
}
