using System.Collections.Immutable;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Review;

/// <summary>
/// One UTC day's page of a force's case list [key FORCE/review/yyyy-MM-dd]. A search's case writes only this page, so
/// the cost of a write is one day's cases, not the force's whole history. Never calls back into a case or the index
/// except one-way, because both wait on it.
/// </summary>
// Not force-pinned, like the case and the index: on every search's path.
public sealed class CaseDayGrain(
    [PersistentState("review-day", GridStorage.GrainStateStore)] IPersistentState<CaseDayState> state,
    IOptions<ReviewOptions> options,
    TimeProvider clock) : Grain, ICaseDayGrain
{
    private ForceId _force = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        _force = ForceId.Parse(key[..key.IndexOf('/')]);
        return Task.CompletedTask;
    }

    public async Task<bool> UpsertAsync(CaseSummary summary)
    {
        GridRequestContext.RequireInternalCall();
        if (ReviewKeys.CaseDay(_force, summary.CreatedAt) != this.GetPrimaryKeyString())
            throw new GridAccessDeniedException($"Case {summary.SearchId} belongs to another day's page than {this.GetPrimaryKeyString()}.");
        var added = !state.State.Cases.ContainsKey(summary.SearchId);
        state.State.Cases[summary.SearchId] = summary;
        await state.WriteStateAsync();
        return added;
    }

    public Task<ImmutableArray<CaseSummary>> ListAsync(bool undecidedOnly)
    {
        GridRequestContext.RequireInternalCall();
        var now = clock.GetUtcNow();
        var retention = options.Value.CaseRetention;
        return Task.FromResult<ImmutableArray<CaseSummary>>([.. state.State.Cases.Values
            .Where(c => now < c.CreatedAt + retention && (!undecidedOnly || c.Undecided > 0))
            .OrderByDescending(c => c.CreatedAt)]);
    }

    public async Task PruneAsync()
    {
        GridRequestContext.RequireInternalCall();
        var now = clock.GetUtcNow();
        var o = options.Value;
        var expired = state.State.Cases.Values.Where(c => now >= c.CreatedAt + o.CaseRetention).ToArray();
        foreach (var c in expired)
        {
            state.State.Cases.Remove(c.SearchId);
            _ = CaseOf(c).EnforceRetentionAsync();
        }

        // Cases holding released core data past its retention remove it themselves and write back a new line.
        foreach (var c in state.State.Cases.Values.Where(c => c.ReleasedDataSince is { } at && now >= at + o.ReleasedDataRetention))
            _ = CaseOf(c).EnforceRetentionAsync();

        if (expired.Length == 0) return;
        if (state.State.Cases.Count == 0) await state.ClearStateAsync();
        else await state.WriteStateAsync();
    }

    private IReviewCaseGrain CaseOf(CaseSummary c) => GrainFactory.GetGrain<IReviewCaseGrain>(ReviewKeys.Case(_force, c.SearchId));
}
