using System.Collections.Immutable;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;

namespace Grid.Grains.Sharing;

/// <summary>
/// One force's index of agreements [key: FORCE]. Written only by agreement grains (internal calls), newest version
/// wins, so reports may repeat or arrive late. Read by the search coordinator for a default scope and by
/// <c>agreement list</c>; neither trusts it for a grant (see <see cref="IForceAgreementsGrain"/>).
/// </summary>
public sealed class ForceAgreementsGrain(
    [PersistentState("agreements", GridStorage.GrainStateStore)] IPersistentState<ForceAgreementsState> state)
    : Grain, IForceAgreementsGrain
{
    private ForceId _force = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _force = ForceId.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task RecordAsync(AgreementView view)
    {
        GridRequestContext.RequireInternalCall();
        ArgumentNullException.ThrowIfNull(view);
        if (view.Key.Owner != _force && view.Key.Requester != _force)
        {
            throw new ArgumentException($"Agreement {view.Key} is not one of {_force}'s.", nameof(view));
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

        await state.WriteStateAsync();
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

        return Task.FromResult(state.State.Agreements.OrderBy(v => v.Key.ToString(), StringComparer.Ordinal).ToImmutableArray());
    }
}
