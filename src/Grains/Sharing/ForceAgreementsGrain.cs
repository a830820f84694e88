using System.Collections.Immutable;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;
using Grid.Grains.Security;

namespace Grid.Grains.Sharing;

/// <summary>
/// One force's index of agreements [key: FORCE]. Written only by agreement grains (internal calls), newest version
/// wins, so reports may repeat or arrive late. Read by the search coordinator for a default scope and by
/// <c>agreement list</c>; neither trusts it for a grant (see <see cref="IForceAgreementsGrain"/>).
/// Sealed (<see cref="StateSeal"/>): an index written outside the grid (a planted or hidden agreement, to mislead an
/// auditor reading <c>agreement list</c>) is refused and audited; searches then get an empty default scope of partners
/// (it can only narrow), the list is refused, and the next agreement report starts the index afresh.
/// </summary>
public sealed class ForceAgreementsGrain(
    [PersistentState("agreements", GridStorage.GrainStateStore)] IPersistentState<ForceAgreementsState> state,
    StateSeal seal)
    : Grain, IForceAgreementsGrain
{
    private const string GrainType = "force-agreements";
    private ForceId _force = null!;
    private bool _trusted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _force = ForceId.Parse(this.GetPrimaryKeyString());
        _trusted = await seal.CheckAsync(state, GrainType, _force.Value, _force, GrainFactory);
    }

    public async Task RecordAsync(AgreementView view)
    {
        GridRequestContext.RequireInternalCall();
        ArgumentNullException.ThrowIfNull(view);
        if (view.Key.Owner != _force && view.Key.Requester != _force)
        {
            throw new ArgumentException($"Agreement {view.Key} is not one of {_force}'s.", nameof(view));
        }

        if (!_trusted)
        {
            // The stored index failed its seal (refusal already audited): rebuilt from genuine reports from now on.
            state.State.Agreements.Clear();
            _trusted = true;
        }

        var held = state.State.Agreements.FindIndex(v => v.Key == view.Key);
        if (held >= 0 && state.State.Agreements[held].Version >= view.Version)
        {
            return;
        }

        if (held >= 0)
        {
            state.State.Agreements[held] = view with { History = [] };
        }
        else
        {
            state.State.Agreements.Add(view with { History = [] });
        }

        await seal.WriteAsync(state, GrainType, _force.Value);
    }

    public Task<ImmutableArray<AgreementView>> ListAsync()
    {
        if (!GridRequestContext.IsInternalCall)
        {
            var p = GridRequestContext.RequirePrincipal();
            if (!p.IsOperator && !p.Acts(_force, Role.AgreementAdmin) && !p.Acts(_force, Role.Auditor))
            {
                throw new GridAccessDeniedException($"{p} may not list the agreements of {_force}.");
            }
        }

        if (!_trusted)
        {
            if (GridRequestContext.IsInternalCall) return Task.FromResult(ImmutableArray<AgreementView>.Empty);
            throw new GridAccessDeniedException(
                $"{_force}'s stored agreement index fails its seal check (written outside the grid): refused. Each agreement's next change rebuilds it.");
        }

        return Task.FromResult(state.State.Agreements.OrderBy(v => v.Key.ToString(), StringComparer.Ordinal).ToImmutableArray());
    }
}
