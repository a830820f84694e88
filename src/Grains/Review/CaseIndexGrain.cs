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
        this.RegisterGrainTimer(_ => PruneCoreAsync(pages: true), new GrainTimerCreationOptions(options.Value.SweepInterval, options.Value.SweepInterval));
        return Task.CompletedTask;
    }

    public async Task UpsertCaseAsync(CaseSummary summary)
    {
        GridRequestContext.RequireInternalCall();
        if (state.State.Cases.ContainsKey(summary.SearchId))
        {
            // A case listed before the split keeps its line here until retention removes it.
            state.State.Cases[summary.SearchId] = summary;
            await state.WriteStateAsync();
            return;
        }
        if (await GrainFactory.GetGrain<ICaseDayGrain>(ReviewKeys.CaseDay(_force, summary.CreatedAt)).UpsertAsync(summary))
            await AddDayAsync(ReviewKeys.CaseDayOf(summary.CreatedAt));
    }

    public async Task AddDayAsync(DateOnly day)
    {
        GridRequestContext.RequireInternalCall();
        if (state.State.Days.Add(day.DayNumber)) await state.WriteStateAsync();
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
        await PruneCoreAsync(pages: false);
        // Newest days first, a few pages at a time, until the listing is full.
        var listed = new List<CaseSummary>();
        var days = state.State.Days.OrderDescending().ToArray();
        for (var i = 0; i < days.Length && listed.Count < ICaseIndexGrain.MaxListed; i += PagesAtOnce)
        {
            var pages = await Task.WhenAll(days.Skip(i).Take(PagesAtOnce).Select(d =>
                GrainFactory.GetGrain<ICaseDayGrain>(ReviewKeys.CaseDay(_force, DateOnly.FromDayNumber(d))).ListAsync(undecidedOnly)));
            foreach (var page in pages) listed.AddRange(page);
        }
        // Lines from before the split, unless their case has since written to its page.
        var paged = listed.Select(c => c.SearchId).ToHashSet(StringComparer.Ordinal);
        listed.AddRange(state.State.Cases.Values.Where(c => (!undecidedOnly || c.Undecided > 0) && !paged.Contains(c.SearchId)));
        return [.. listed.OrderByDescending(c => c.CreatedAt).Take(ICaseIndexGrain.MaxListed)];
    }

    public async Task<ImmutableArray<FollowUpView>> ListFollowUpsAsync(bool incoming)
    {
        RequireReader();
        await PruneCoreAsync(pages: false);
        var now = clock.GetUtcNow();
        return [.. (incoming ? state.State.Incoming : state.State.Outgoing).Values
            .OrderByDescending(f => f.RequestedAt).Select(f => FollowUpRules.AsOf(f, now))];
    }

    public Task<int> PruneAsync()
    {
        if (!GridRequestContext.IsInternalCall) RequireReader();
        return PruneCoreAsync(pages: true);
    }

    /// <summary>Drops days wholly past retention (their pages delete their cases), legacy lines and follow-ups past it;
    /// with <paramref name="pages"/>, also has every remaining page prune its own cases (the sweep, not every listing).</summary>
    private async Task<int> PruneCoreAsync(bool pages)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var lastExpiredDay = ReviewKeys.CaseDayOf(now - o.CaseRetention).DayNumber - 1; // every case of that day is older than retention
        var expiredDays = state.State.Days.Where(d => d <= lastExpiredDay).ToArray();
        foreach (var day in expiredDays) state.State.Days.Remove(day);
        foreach (var day in pages ? state.State.Days.Concat(expiredDays) : expiredDays)
            _ = GrainFactory.GetGrain<ICaseDayGrain>(ReviewKeys.CaseDay(_force, DateOnly.FromDayNumber(day))).PruneAsync();

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

        var removed = expiredDays.Length + expired.Length + outgoing.Length + incoming.Length;
        if (removed > 0) await state.WriteStateAsync();
        return removed;
    }

    private const int PagesAtOnce = 16;

    private void RequireReader()
    {
        var reader = GridRequestContext.RequirePrincipal();
        if (!ReviewRules.MayRead(reader, _force))
            throw new GridAccessDeniedException($"{reader} may not list {_force}'s cases: that needs a reviewer, searcher or auditor of {_force}.");
    }
}
