using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;
using Grid.Grains.Placement;
using Grid.Grains.Security;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Sharing;

/// <summary>
/// One agreement [key: OWNER-&gt;REQUESTER]. Not reentrant, on purpose: a revoke that has returned
/// was written before any later <see cref="AuthoriseAsync"/> runs, so no search that starts after
/// it gets a ticket; and quota counting needs no locks. Every change is reported to both forces'
/// <see cref="IForceAgreementsGrain"/> index, which only ever narrows what a search asks for. Pinned to the owner's
/// own silos when it runs any: they alone hold the owner's ticket key. Its state is sealed (<see cref="StateSeal"/>):
/// an agreement written outside the grid grants nothing.
/// </summary>
[ForcePinnedPlacement]
public sealed class SharingAgreementGrain(
    [PersistentState("agreement", "grid")] IPersistentState<SharingAgreementState> state,
    SearchTicketSigner signer,
    StateSeal seal,
    TimeProvider clock,
    ILogger<SharingAgreementGrain> logger) : Grain, ISharingAgreementGrain
{
    private const string GrainType = "agreement";
    private AgreementKey _key = null!;
    private bool _trusted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = AgreementKey.Parse(this.GetPrimaryKeyString());
        _trusted = await seal.CheckAsync(state, GrainType, _key.ToString(), _key.Owner, GrainFactory);

        // Heals a report missed earlier, or made before the index existed. Not awaited: a slow index never delays the
        // agreement, and no call cycle can form with an index busy with a call of its own. Unsealed state reports nothing.
        if (_trusted && state.State.Agreement.Version > 0)
        {
            _ = IndexAsync(View());
        }
    }

    private Task WriteAsync() => seal.WriteAsync(state, GrainType, _key.ToString());

    private void RequireTrusted()
    {
        if (!_trusted)
            throw new GridAccessDeniedException($"Agreement {_key}'s stored state fails its seal check (written outside the grid): refused.");
    }

    public Task<AgreementView> ProposeAsync(AgreementTerms terms) => ChangeAsync(AgreementAction.Propose, terms, null);

    public Task<AgreementView> AcceptAsync(int version) => ChangeAsync(AgreementAction.Accept, null, version);

    public Task<AgreementView> SuspendAsync() => ChangeAsync(AgreementAction.Suspend, null, null);

    public Task<AgreementView> ResumeAsync() => ChangeAsync(AgreementAction.Resume, null, null);

    public Task<AgreementView> RevokeAsync() => ChangeAsync(AgreementAction.Revoke, null, null);

    public Task<AgreementView> GetAsync()
    {
        if (!GridRequestContext.IsInternalCall)
        {
            var p = GridRequestContext.RequirePrincipal();
            var party = p.Force == _key.Owner || p.Force == _key.Requester;
            if (!p.IsOperator && !(party && (p.Has(Role.AgreementAdmin) || p.Has(Role.Auditor))))
            {
                throw new GridAccessDeniedException($"{p} may not read agreement {_key}.");
            }
        }

        RequireTrusted();
        return Task.FromResult(View());
    }

    public async Task<Authorisation> AuthoriseAsync(ImmutableArray<GalleryId> galleries, SearchPurpose purpose)
    {
        GridRequestContext.RequireInternalCall();
        var principal = GridRequestContext.RequirePrincipal();
        var now = clock.GetUtcNow();
        if (!_trusted)
        {
            return await RefuseAsync(principal, purpose, galleries, RefusalReason.NotActive,
                $"Agreement {_key}'s stored state fails its seal check; it grants nothing.");
        }

        if (principal.Force != _key.Requester)
        {
            return await RefuseAsync(principal, purpose, galleries, RefusalReason.NotAuthorised,
                $"{principal} is not of {_key.Requester}, the requester of {_key}.");
        }

        var view = View();
        var decision = PermissionEvaluator.Evaluate(
            principal, galleries, purpose, new Dictionary<ForceId, AgreementView> { [_key.Owner] = view }, now);
        var granted = decision.Granted.Where(g => !g.IsOwn).ToImmutableArray();
        if (granted.IsEmpty)
        {
            var first = decision.Refused.FirstOrDefault(r => r.Gallery.Force == _key.Owner) ?? decision.Refused.FirstOrDefault();
            return await RefuseAsync(principal, purpose, galleries,
                first?.Reason ?? RefusalReason.GalleryNotCovered, first?.Message ?? $"No gallery of {_key.Owner} was asked for.");
        }

        var terms = view.Terms!;
        var allowed = QuotaCounter.TryConsume(state.State.Quota, terms.DailyQuota, now, out var quota);
        if (!allowed)
        {
            return await RefuseAsync(principal, purpose, galleries, RefusalReason.QuotaExhausted,
                $"The daily quota of {terms.DailyQuota} searches under {_key} is used up; it resets at 00:00 UTC.");
        }

        state.State.Quota = quota;
        await WriteAsync();
        return Authorisation.Grant(signer.Issue(
            _key, view.Version, principal.User, [.. granted.Select(g => g.Gallery)], purpose, granted[0].Caps, now));
    }

    private AgreementView View() => state.State.Agreement.ToView(_key, clock.GetUtcNow());

    private async Task<AgreementView> ChangeAsync(AgreementAction action, AgreementTerms? terms, int? version)
    {
        var actor = GridRequestContext.RequirePrincipal();
        RequireTrusted();
        var now = clock.GetUtcNow();
        var result = AgreementStateMachine.Apply(state.State.Agreement, _key, actor, action, now, terms, version);
        if (!result.Succeeded)
        {
            await AuditBothAsync(AuditEvent.Note(AuditKind.Refusal, actor.ToString(), null, $"{action} of {_key} refused: {result.Error}"));
            throw result.Forbidden ? new GridAccessDeniedException(result.Error!) : new InvalidOperationException(result.Error);
        }

        state.State.Agreement = result.Next!;
        await WriteAsync();
        var change = result.Next!.History[^1];
        await AuditBothAsync(AuditEvent.Note(AuditKind.AgreementChange, actor.ToString(), null,
            $"{_key} v{change.Version}: {action} -> {change.Status}; galleries {string.Join(",", change.Terms.Galleries)}; " +
            $"offences {string.Join(",", change.Terms.Offences)}; max {change.Terms.MaxCandidates}; min score {change.Terms.MinScore}; " +
            $"quota {change.Terms.DailyQuota}/day; valid {change.Terms.ValidFrom:u} to {change.Terms.ValidUntil:u}; " +
            $"reviewers {change.Terms.ReviewersNeeded}; images {(change.Terms.ShareImages ? "shared" : "not shared")}."));
        var view = View();
        await IndexAsync(view);
        return view;
    }

    /// <summary>Reports the agreement to both forces' indexes. The change stands whatever happens here: a missed report
    /// leaves the index stale, which can only narrow a default scope until the next change or activation reports again.</summary>
    private async Task IndexAsync(AgreementView view)
    {
        try
        {
            await Task.WhenAll(
                GrainFactory.GetGrain<IForceAgreementsGrain>(_key.Owner).RecordAsync(view),
                GrainFactory.GetGrain<IForceAgreementsGrain>(_key.Requester).RecordAsync(view));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Agreement {Agreement} v{Version} could not be indexed", _key, view.Version);
        }
    }

    private async Task<Authorisation> RefuseAsync(
        Principal principal, SearchPurpose purpose, ImmutableArray<GalleryId> galleries, RefusalReason reason, string message)
    {
        await AuditBothAsync(new AuditEvent(AuditKind.Refusal, principal.ToString(), null, purpose.Offence, purpose.CaseReference,
            galleries.IsDefault ? [] : galleries, [], 0, $"{reason}: {message}"));
        return Authorisation.Refuse(reason, message);
    }

    /// <summary>Each force's log names the other force as the partner.</summary>
    private Task AuditBothAsync(AuditEvent entry) => Task.WhenAll(
        GrainFactory.GetGrain<IAuditLogGrain>(_key.Owner.Value).AppendAsync(entry with { Partner = _key.Requester }),
        GrainFactory.GetGrain<IAuditLogGrain>(_key.Requester.Value).AppendAsync(entry with { Partner = _key.Owner }));
}
