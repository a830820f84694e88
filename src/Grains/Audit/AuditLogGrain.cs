using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Diagnostics;
using Grid.Grains.Identity;
using Grid.Grains.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Audit;

/// <summary>
/// A force's append-only audit log [key: FORCE]. Appends interleave only to queue: one commit loop writes the queued
/// events as one group (one blob write for however many searches arrived during the previous write), in arrival
/// order, which is what keeps the chain a chain and lets 32 searches in flight share a write. Durable form:
/// append-blob segments and a keyed head record (<see cref="AuditLog"/>). The chain is keyed with the force's audit
/// key (<see cref="GridKeys.AuditKey"/>), which storage never holds. Readers see only what storage holds.
/// </summary>
// Pinned to the force's silos only when the force keeps its data in its own storage account (see ForcePinnedPlacementDirector).
[ForcePinnedPlacement]
public sealed class AuditLogGrain(
    AuditBlobStore store, IOptions<AuditOptions> options, IOptions<GridSecurityOptions> security, GridKeys keys, TimeProvider clock,
    ILogger<AuditLogGrain> logger, GridMetrics? metrics = null)
    : Grain, IAuditLogGrain
{
    private const int MaxRead = 1000;
    private readonly List<(AuditEvent Event, TaskCompletionSource<AuditEntry> Done)> _queued = [];
    // Entries that may trail (AppendLaterAsync): written ahead of the next group, or by the timer.
    private readonly List<AuditEvent> _later = [];
    private ForceId _force = null!;
    private AuditLog _log = null!;
    private Task _commitLoop = Task.CompletedTask;
    private bool _committing;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _force = ForceId.Parse(this.GetPrimaryKeyString());
        _log = await AuditLog.OpenAsync(_force, store, options.Value, clock, keys.AuditKey(_force), security.Value.AdoptUnsealedState);
        var every = options.Value.HeadFlushInterval;
        this.RegisterGrainTimer(_ => _later.Count > 0 ? CommitLaterAsync() : _log.HeadRecordBehind ? _log.FlushHeadAsync() : Task.CompletedTask,
            new GrainTimerCreationOptions(every, every) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await _commitLoop;
            if (_later.Count > 0) await CommitLaterAsync();
            await _log.FlushHeadAsync();
        }
        catch (Exception e)
        {
            // The entries are in storage; only the head record trails them (within the documented window).
            logger.LogWarning(e, "The audit head record of {Force} could not be brought level at deactivation", _force);
        }
    }

    public Task<AuditEntry> AppendAsync(AuditEvent entry)
    {
        GridRequestContext.RequireInternalCall();
        var done = new TaskCompletionSource<AuditEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queued.Add((entry, done));
        if (!_committing)
        {
            // The flag, not the task, says whether the loop runs: the loop may finish before CommitAsync returns
            // (a failed log throws at once), and a stale task kept here would leave every later append waiting.
            _committing = true;
            _commitLoop = CommitAsync();
        }

        return done.Task;
    }

    public Task AppendLaterAsync(AuditEvent entry)
    {
        GridRequestContext.RequireInternalCall();
        _later.Add(entry);
        return Task.CompletedTask;
    }

    /// <summary>Writes the entries left to trail when no append came to carry them (timer, deactivation).</summary>
    private Task CommitLaterAsync()
    {
        if (!_committing)
        {
            _committing = true;
            _commitLoop = CommitAsync();
        }

        return _commitLoop;
    }

    /// <summary>Writes the queue group by group until it is empty, each group led by the entries left to trail
    /// (they were handed in before anything queued now); runs on the grain's scheduler, so it is alone.</summary>
    private async Task CommitAsync()
    {
        try
        {
            while (_queued.Count > 0 || _later.Count > 0)
            {
                var later = _later.Take(options.Value.MaxGroupRecords).ToArray();
                _later.RemoveRange(0, later.Length);
                var group = _queued.Take(options.Value.MaxGroupRecords - later.Length).ToArray();
                _queued.RemoveRange(0, group.Length);
                try
                {
                    var started = clock.GetTimestamp();
                    var written = await _log.AppendAsync([.. later, .. group.Select(q => q.Event)]);
                    metrics?.AuditCommitted(later.Length + group.Length, clock.GetElapsedTime(started));
                    for (var i = 0; i < group.Length; i++) group[i].Done.SetResult(written[later.Length + i]);
                }
                catch (Exception e)
                {
                    // Memory may now be ahead of storage: nothing more is written here; start again from storage.
                    // Entries left to trail are lost with the group: their searches' own entries are stored (docs/SECURITY.md).
                    logger.LogWarning(e, "An audit append to {Force}'s log failed ({Trailing} trailing entries lost); the log reopens from storage",
                        _force, later.Length + _later.Count);
                    foreach (var q in group.Concat(_queued)) q.Done.TrySetException(e);
                    _queued.Clear();
                    _later.Clear();
                    DeactivateOnIdle();
                    return;
                }
            }
        }
        finally
        {
            _committing = false;
        }
    }

    public Task<ImmutableArray<AuditEntry>> ReadAsync(long afterSeq, int max)
    {
        RequireReader();
        return Task.FromResult(Stored().Where(e => e.Seq > afterSeq).Take(Math.Clamp(max, 0, MaxRead)).ToImmutableArray());
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
        var export = _log.Chain.Export();
        return Task.FromResult(export with { Entries = [.. Stored()] });
    }

    public Task<StatsView> GetStatsAsync()
    {
        RequireReader();
        return Task.FromResult(new StatsView(_force, _log.Stats));
    }

    public Task<AuditHead> HeadAsync()
    {
        GridRequestContext.RequireInternalCall();
        return Task.FromResult(_log.Durable);
    }

    public Task<ImmutableArray<AuditHead>> AnchorsHeldForAsync(ForceId partner)
    {
        GridRequestContext.RequireInternalCall();
        return Task.FromResult(Stored().Where(e => e.Partner == partner && e.PartnerHead is not null)
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

            var ours = Stored().Where(e => e.Partner == partner && e.PartnerHead is not null).Select(e => e.PartnerHead!).Distinct().ToImmutableArray();
            checkedCount += ours.Length;
            if (ours.Length > 0)
            {
                findings.AddRange(await partnerLog.CheckAnchorsAsync(_force, ours));
            }
        }

        return new AuditPartnerVerification(local, checkedCount, findings.ToImmutable());
    }

    /// <summary>The entries storage holds: a group being written is not shown (nor anchored) until it is stored.</summary>
    private IEnumerable<AuditEntry> Stored()
    {
        var durable = _log.Durable.Seq;
        return _log.Chain.Entries.TakeWhile(e => e.Seq <= durable);
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
