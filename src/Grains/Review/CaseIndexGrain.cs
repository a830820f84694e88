using System.Collections.Immutable;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Grains.FollowUp;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Review;

/// <summary>
/// A force's list of cases and follow-ups [key FORCE/review]. Not reentrant. It never waits on a case or follow-up
/// grain (their retention calls are one-way), because those grains wait on it when they update their lines.
/// </summary>
// Not force-pinned: on every search's path, like the case (see ReviewCaseGrain).
public sealed class CaseIndexGrain(
    [PersistentState("review-index", GridStorage.GrainStateStore)] IPersistentState<CaseIndexState> state,
    IOptions<ReviewOptions> options,
    TimeProvider clock) : Grain, ICaseIndexGrain
{
    private ForceId _force = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _force = ForceId.Parse(key[..key.IndexOf('/')]);
        this.RegisterGrainTimer(_ => PruneCoreAsync(), new GrainTimerCreationOptions(options.Value.SweepInterval, options.Value.SweepInterval));
        return Task.CompletedTask;
    }

    public async Task UpsertCaseAsync(CaseSummary summary)
    {
        GridRequestContext.RequireInternalCall();
        state.State.Cases[summary.SearchId] = summary;
        await state.WriteStateAsync();
    }

    public async Task UpsertFollowUpAsync(FollowUpView followUp)
    {
        GridRequestContext.RequireInternalCall();
        var list = followUp.Owner == _force ? state.State.Incoming
            : followUp.Requester == _force ? state.State.Outgoing
            : throw new GridAccessDeniedException($"Follow-up {followUp.Id} does not concern {_force}.");
        list[followUp.Id] = followUp with { CoreData = null };
        await state.WriteStateAsync();
    }

    public async Task<ImmutableArray<CaseSummary>> ListCasesAsync(bool undecidedOnly)
    {
        RequireReader();
        await PruneCoreAsync();
        return [.. state.State.Cases.Values.Where(c => !undecidedOnly || c.Undecided > 0).OrderByDescending(c => c.CreatedAt)];
    }

    public async Task<ImmutableArray<FollowUpView>> ListFollowUpsAsync(bool incoming)
    {
        RequireReader();
        await PruneCoreAsync();
        var now = clock.GetUtcNow();
        return [.. (incoming ? state.State.Incoming : state.State.Outgoing).Values
            .OrderByDescending(f => f.RequestedAt).Select(f => FollowUpRules.AsOf(f, now))];
    }

    public Task<int> PruneAsync()
    {
        if (!GridRequestContext.IsInternalCall) RequireReader();
        return PruneCoreAsync();
    }

    private async Task<int> PruneCoreAsync()
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var expired = state.State.Cases.Values.Where(c => now >= c.CreatedAt + o.CaseRetention).ToArray();
        foreach (var c in expired)
        {
            state.State.Cases.Remove(c.SearchId);
            _ = GrainFactory.GetGrain<IReviewCaseGrain>(ReviewKeys.Case(_force, c.SearchId)).EnforceRetentionAsync();
        }

        // Cases holding released core data past its retention remove it themselves and send back a new line.
        foreach (var c in state.State.Cases.Values.Where(c => c.ReleasedDataSince is { } at && now >= at + o.ReleasedDataRetention))
            _ = GrainFactory.GetGrain<IReviewCaseGrain>(ReviewKeys.Case(_force, c.SearchId)).EnforceRetentionAsync();

        var outgoing = state.State.Outgoing.Values.Where(f => now >= f.RequestedAt + o.CaseRetention).Select(f => f.Id).ToArray();
        foreach (var id in outgoing) state.State.Outgoing.Remove(id);
        var incoming = state.State.Incoming.Values.Where(f => now >= f.RequestedAt + o.CaseRetention).Select(f => f.Id).ToArray();
        foreach (var id in incoming)
        {
            state.State.Incoming.Remove(id);
            _ = GrainFactory.GetGrain<IFollowUpGrain>(id).EnforceRetentionAsync();
        }

        var removed = expired.Length + outgoing.Length + incoming.Length;
        if (removed > 0) await state.WriteStateAsync();
        return removed;
    }

    private void RequireReader()
    {
        var reader = GridRequestContext.RequirePrincipal();
        if (!ReviewRules.MayRead(reader, _force))
            throw new GridAccessDeniedException($"{reader} may not list {_force}'s cases: that needs a reviewer, searcher or auditor of {_force}.");
    }
}
