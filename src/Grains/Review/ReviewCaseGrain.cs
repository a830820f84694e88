using Grid.Contracts.Audit;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Sharing;
using Grid.Grains.FollowUp;
using Grid.Grains.Search;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Review;

/// <summary>
/// The requester's review case [key FORCE/searchId]; the rules are <see cref="ReviewRules"/>, this grain stores,
/// audits and talks to the other grains. Not reentrant: decisions are serialised, so two reviewers cannot both be
/// "the first". Retention is applied before every call.
/// </summary>
// Not force-pinned, like agreements and audit logs: every search opens a case, and a search must still answer
// (from the other forces' galleries) while the requester's own silos are down.
public sealed class ReviewCaseGrain(
    [PersistentState("case", GridStorage.GrainStateStore)] IPersistentState<ReviewCaseState> state,
    IOptions<ReviewOptions> options,
    TimeProvider clock) : Grain, IReviewCaseGrain
{
    private ForceId _force = null!;
    private string _searchId = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/');
        (_force, _searchId) = (ForceId.Parse(key[..slash]), key[(slash + 1)..]);
        return Task.CompletedTask;
    }

    public async Task OpenAsync(CaseOpening opening)
    {
        GridRequestContext.RequireInternalCall();
        var searcher = GridRequestContext.RequirePrincipal();
        if (searcher.Force != _force || opening.SearchId != _searchId)
            throw new GridAccessDeniedException($"A case of {_force} is opened only by a search of {_force} under its own id.");
        if (state.State.Case is not null) return; // a retried open after a silo failover

        // The terms each partner's candidates were found under decide four-eyes and whether images go with them.
        var terms = new Dictionary<ForceId, (int, bool)>();
        foreach (var owner in opening.Candidates.Select(c => c.Force).Where(f => f != _force).Distinct())
        {
            var view = await SiloFailover.CallAsync(() =>
                GrainFactory.GetGrain<ISharingAgreementGrain>(new AgreementKey(owner, _force).ToString()).GetAsync());
            terms[owner] = (view.Terms?.ReviewersNeeded ?? 1, view.Terms?.ShareImages ?? false);
        }

        state.State.Case = ReviewRules.Open(_force, searcher, opening, owner => terms[owner], clock.GetUtcNow());
        // Both writes at once: this is on every search's path. If one fails the search fails; a listed case that was
        // never stored reads as unknown and leaves the list under retention.
        await Task.WhenAll(state.WriteStateAsync(), IndexAsync(state.State.Case));
    }

    public async Task<ReviewCase> GetAsync()
    {
        var current = await RequireCaseAsync();
        var reader = GridRequestContext.RequirePrincipal();
        if (!ReviewRules.MayRead(reader, _force))
            throw new GridAccessDeniedException($"{reader} may not read cases of {_force}: that needs a reviewer, searcher or auditor of {_force}.");
        return ReviewRules.ViewFor(current, reader, clock.GetUtcNow());
    }

    public async Task<ReviewCase> DecideAsync(int rank, ReviewVerdict verdict, string note)
    {
        var current = await RequireCaseAsync();
        var reviewer = GridRequestContext.RequirePrincipal();
        var now = clock.GetUtcNow();
        var next = ReviewRules.Decide(current, reviewer, rank, verdict, note, now).OrThrow();
        state.State.Case = next;
        await state.WriteStateAsync();

        var candidate = next.Candidates.Single(c => c.Rank == rank);
        var owner = candidate.Candidate.Force;
        var where = $"case {_searchId} candidate {rank} ({candidate.Candidate.Gallery})";
        await ReviewAudit.BothAsync(GrainFactory, _force, owner, AuditKind.ReviewDecision, reviewer, next.Purpose.Offence, next.Purpose.CaseReference,
            $"{where}: {verdict} (decision {candidate.DecisionsRecorded} of {candidate.RequiredReviewers})");
        if (candidate.Outcome == ReviewOutcome.PossibleMatch)
            await ReviewAudit.BothAsync(GrainFactory, _force, owner, AuditKind.MatchConfirmed, reviewer, next.Purpose.Offence, next.Purpose.CaseReference,
                $"{where}: possible match confirmed by {candidate.RequiredReviewers} reviewer(s)");
        await IndexAsync(next);
        return ReviewRules.ViewFor(next, reviewer, now);
    }

    public async Task<CandidateImage> GetCandidateImageAsync(int rank)
    {
        var current = await RequireCaseAsync();
        var reader = GridRequestContext.RequirePrincipal();
        if (!reader.Acts(_force, Role.Reviewer) && !reader.Acts(_force, Role.Searcher))
            throw new GridAccessDeniedException($"{reader} is not a reviewer or searcher of {_force}.");
        var candidate = current.Candidates.FirstOrDefault(c => c.Rank == rank)?.Candidate
            ?? throw new ReviewRefusedException(ReviewRefusal.UnknownCandidate, $"Case {_searchId} has no candidate of rank {rank}.");
        // The owner decides, at this moment, under its agreement: this case only says which subject.
        return await GrainFactory.GetGrain<ISubjectRecordGrain>(
            ReviewKeys.Subject(new GalleryId(candidate.Force, candidate.Gallery), candidate.SubjectRef)).GetImageForCaseAsync(_searchId, rank);
    }

    public async Task<FollowUpView> RequestFollowUpAsync(int rank, FollowUpRequest request)
    {
        var current = await RequireCaseAsync();
        var asker = GridRequestContext.RequirePrincipal();
        var now = clock.GetUtcNow();
        var candidate = ReviewRules.CheckFollowUp(current, asker, rank, request).OrThrow();
        var asked = FollowUpRules.New(current, candidate.Candidate, request, asker, now, options.Value.FollowUpDeadline);

        // The owner's grain checks the agreement and audits the request at both ends before it is recorded here.
        var opened = await GrainFactory.GetGrain<IFollowUpGrain>(asked.Id).OpenAsync(asked);
        var next = ReviewRules.WithFollowUp(current, rank, opened);
        state.State.Case = next;
        await state.WriteStateAsync();
        await IndexAsync(next, opened);
        return FollowUpRules.AsOf(opened, now);
    }

    public async Task ReceiveFollowUpAsync(FollowUpView update)
    {
        GridRequestContext.RequireInternalCall();
        var current = await RequireCaseAsync();
        var next = ReviewRules.Receive(current, GridRequestContext.Principal, update).OrThrow();
        state.State.Case = next;
        await state.WriteStateAsync();
        await IndexAsync(next, update);
    }

    public async Task EnforceRetentionAsync()
    {
        GridRequestContext.RequireInternalCall();
        await RetainAsync();
    }

    private async Task<ReviewCase> RequireCaseAsync() => await RetainAsync()
        ?? throw new ReviewRefusedException(ReviewRefusal.UnknownCase, $"There is no case {_searchId} of {_force}: never opened, or deleted under retention.");

    /// <summary>Deletes the case once past retention, and released core data once past its own; returns what is left.</summary>
    private async Task<ReviewCase?> RetainAsync()
    {
        var current = state.State.Case;
        if (current is null) return null;
        var now = clock.GetUtcNow();
        if (ReviewRules.Expired(current, now, options.Value))
        {
            await state.ClearStateAsync();
            state.State.Case = null;
            return null;
        }

        var kept = ReviewRules.ApplyRetention(current, now, options.Value);
        if (ReferenceEquals(kept, current)) return current;
        state.State.Case = kept;
        await state.WriteStateAsync();
        await IndexAsync(kept);
        return kept;
    }

    /// <summary>The case's line goes to its day's page only (the index is told of the day when the line is new, and
    /// writes only for a new day), so a search never rewrites the force's whole case list.</summary>
    private Task IndexAsync(ReviewCase current, FollowUpView? followUp = null)
    {
        var index = GrainFactory.GetGrain<ICaseIndexGrain>(ReviewKeys.Index(_force));
        var page = GrainFactory.GetGrain<ICaseDayGrain>(ReviewKeys.CaseDay(_force, current.CreatedAt));
        return Task.WhenAll(
            SiloFailover.CallAsync(async () =>
            {
                if (await page.UpsertAsync(ReviewRules.Summarise(current))) await index.AddDayAsync(ReviewKeys.CaseDayOf(current.CreatedAt));
                return true;
            }),
            followUp is null ? Task.CompletedTask : SiloFailover.CallAsync(async () => { await index.UpsertFollowUpAsync(followUp with { CoreData = null }); return true; }));
    }
}
