using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Security;

namespace Grid.Grains.Identity;

/// <summary>
/// One key's record [key: key id]. Not reentrant, except that resolving is <c>[ReadOnly]</c> on the
/// interface, so many silos can authenticate the same busy key at once. Its state is sealed
/// (<see cref="StateSeal"/>): a record written outside the grid resolves nothing and is audited.
/// </summary>
public sealed class ApiKeyGrain(
    [PersistentState("key", "grid")] IPersistentState<ApiKeyState> state,
    PrincipalCache cache,
    StateSeal seal) : Grain, IApiKeyGrain
{
    private const string GrainType = "api-key";
    private bool _trusted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _trusted = await seal.CheckAsync(state, GrainType, this.GetPrimaryKeyString(), state.State.Principal?.Force, GrainFactory);

    public async Task RegisterAsync(string keyHash, Principal principal)
    {
        GridRequestContext.RequireInternalCall();
        if (state.RecordExists)
        {
            throw new InvalidOperationException("This key id is taken; keys are never re-registered.");
        }

        state.State.Hash = keyHash;
        state.State.Principal = principal;
        await seal.WriteAsync(state, GrainType, this.GetPrimaryKeyString());
        _trusted = true;
    }

    public Task<Principal?> ResolveAsync(string keyHash)
    {
        GridRequestContext.RequireInternalCall();
        if (!_trusted)
        {
            // Refused (and audited) when the grain activated: nothing in an unsealed record is believed.
            return Task.FromResult<Principal?>(null);
        }

        var principal = state.State.Resolve(keyHash);
        if (principal is null && state.State.Principal?.Force is { } force)
        {
            // A known key id with a wrong secret, or a disabled key: the force should know.
            // Not awaited: the refused call may be to that very audit log, which is busy with it.
            GrainFactory.GetGrain<IAuditLogGrain>(force.Value)
                .AppendAsync(AuditEvent.Note(AuditKind.Refusal, state.State.Principal.ToString(), null,
                    $"Refused key {this.GetPrimaryKeyString()}: {(state.State.Disabled ? "disabled" : "wrong secret")}."))
                .Ignore();
        }

        return Task.FromResult(principal);
    }

    public async Task DisableAsync()
    {
        GridRequestContext.RequireInternalCall();
        state.State.Disabled = true;
        await seal.WriteAsync(state, GrainType, this.GetPrimaryKeyString());
        cache.Evict(state.State.Hash);
    }
}
