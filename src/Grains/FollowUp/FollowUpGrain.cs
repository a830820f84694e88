using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Sharing;
using Grid.Grains.Placement;
using Grid.Grains.Review;
using Grid.Grains.Search;
using Microsoft.Extensions.Options;

namespace Grid.Grains.FollowUp;

/// <summary>
/// One follow-up at the owner [key OWNER/REQUESTER.searchId.rank]; rules in <see cref="FollowUpRules"/>. Not
/// reentrant: one answer at a time. Every answer goes first to the requesting case (the only place core data is
/// sent), then is stored and audited at both ends; a refused answer changes nothing anywhere.
/// </summary>
[ForcePinnedPlacement]
public sealed class FollowUpGrain(
    [PersistentState("follow-up", GridStorage.GrainStateStore)] IPersistentState<FollowUpState> state,
    IOptions<ReviewOptions> options,
    TimeProvider clock) : Grain, IFollowUpGrain
{
    public async Task<FollowUpView> OpenAsync(FollowUpView request)
    {
        GridRequestContext.RequireInternalCall();
        var asker = GridRequestContext.RequirePrincipal();
        if (asker.Force != request.Requester || request.Id != this.GetPrimaryKeyString() ||
            request.Id != ReviewKeys.FollowUp(request.Owner, request.Requester, request.SearchId, request.Rank))
            throw new GridAccessDeniedException($"{asker} may not open follow-up {this.GetPrimaryKeyString()}.");
        if (state.State.FollowUp is { } existing) return existing;
        var agreement = await AgreementStatusAsync(request);
        if (agreement != AgreementStatus.Active)
            throw new ReviewRefusedException(ReviewRefusal.AgreementNotActive,
                $"The agreement {request.Owner}->{request.Requester} is {agreement}: no follow-up may be asked under it.");

        state.State.FollowUp = request;
        await state.WriteStateAsync();
        await AuditAsync(AuditKind.FollowUpRequested, asker, request,
            $"follow-up {request.Id} asked for {request.Request.Offence}, due {request.DueAt:u}");
        await IndexAsync(request);
        return request;
    }

    public Task<FollowUpView> GetAsync()
    {
        var current = Require();
        var reader = GridRequestContext.RequirePrincipal();
        if (!FollowUpRules.MayRead(current, reader))
            throw new GridAccessDeniedException($"{reader} may not read follow-up {current.Id}.");
        return Task.FromResult(FollowUpRules.AsOf(current, clock.GetUtcNow()));
    }

    public async Task<FollowUpView> ReleaseAsync()
    {
        var current = Require();
        var releaser = GridRequestContext.RequirePrincipal();
        if (!releaser.Acts(current.Owner, Role.Reviewer)) FollowUpRules.Release(current, releaser, default, false, clock.GetUtcNow()).OrThrow();
        var agreement = await AgreementStatusAsync(current);
        var coreData = await GrainFactory.GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(current.Gallery, current.SubjectRef)).GetCoreDataForReleaseAsync();
        var next = FollowUpRules.Release(current, releaser, agreement, coreData is not null, clock.GetUtcNow()).OrThrow();
        return await AnswerAsync(next with { CoreData = coreData }, AuditKind.FollowUpReleased, releaser, $"follow-up {next.Id}: core data released");
    }

    public Task<FollowUpView> DeclineAsync(string reason)
    {
        var current = Require();
        var decliner = GridRequestContext.RequirePrincipal();
        var next = FollowUpRules.Decline(current, decliner, reason, clock.GetUtcNow()).OrThrow();
        return AnswerAsync(next, AuditKind.FollowUpDeclined, decliner, $"follow-up {next.Id}: declined ({next.DeclineReason})");
    }

    public Task<FollowUpView> ExtendAsync(string authorisation, DateTimeOffset until)
    {
        var current = Require();
        var extender = GridRequestContext.RequirePrincipal();
        var next = FollowUpRules.Extend(current, extender, authorisation, until, clock.GetUtcNow()).OrThrow();
        return AnswerAsync(next, AuditKind.FollowUpExtended, extender, $"follow-up {next.Id}: due {next.DueAt:u}; {next.Extension}");
    }

    public async Task EnforceRetentionAsync()
    {
        GridRequestContext.RequireInternalCall();
        if (state.State.FollowUp is { } current && clock.GetUtcNow() >= current.RequestedAt + options.Value.CaseRetention)
        {
            await state.ClearStateAsync();
            state.State.FollowUp = null;
        }
    }

    /// <summary>The requesting case hears first (with core data for a release); the owner keeps its copy without it.</summary>
    private async Task<FollowUpView> AnswerAsync(FollowUpView next, AuditKind kind, Principal actor, string detail)
    {
        await SiloFailover.CallAsync(async () =>
        {
            await GrainFactory.GetGrain<IReviewCaseGrain>(ReviewKeys.Case(next.Requester, next.SearchId)).ReceiveFollowUpAsync(next);
            return true;
        });
        var kept = next with { CoreData = null };
        state.State.FollowUp = kept;
        await state.WriteStateAsync();
        await AuditAsync(kind, actor, kept, detail);
        await IndexAsync(kept);
        return FollowUpRules.AsOf(kept, clock.GetUtcNow());
    }

    private FollowUpView Require() => state.State.FollowUp is { } f && clock.GetUtcNow() < f.RequestedAt + options.Value.CaseRetention
        ? f
        : throw new ReviewRefusedException(ReviewRefusal.UnknownCase, $"There is no follow-up {this.GetPrimaryKeyString()}: never asked, or deleted under retention.");

    private async Task<AgreementStatus> AgreementStatusAsync(FollowUpView f) => (await SiloFailover.CallAsync(() =>
        GrainFactory.GetGrain<ISharingAgreementGrain>(new AgreementKey(f.Owner, f.Requester).ToString()).GetAsync())).Status;

    private Task AuditAsync(AuditKind kind, Principal actor, FollowUpView f, string detail) =>
        ReviewAudit.BothAsync(GrainFactory, f.Requester, f.Owner, kind, actor, f.Request.Offence, f.CaseReference, detail);

    private Task IndexAsync(FollowUpView f) => Task.WhenAll(
        new[] { f.Owner, f.Requester }.Select(force => SiloFailover.CallAsync(async () =>
        {
            await GrainFactory.GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force)).UpsertFollowUpAsync(f with { CoreData = null });
            return true;
        })));
}
