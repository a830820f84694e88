using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;

namespace Grid.Grains.Identity;

/// <summary>
/// A force and its users [key: FORCE]. Not reentrant: adding and disabling users are serialised
/// so a user name is never given two keys.
/// </summary>
public sealed class ForceGrain(
    [PersistentState("force", "grid")] IPersistentState<ForceState> state,
    TimeProvider clock) : Grain, IForceGrain
{
    private const int MaxUserName = 64;
    private ForceId _force = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _force = ForceId.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<ApiKeyIssued> InitialiseAsync(string displayName, string adminUser)
    {
        GridRequestContext.RequireInternalCall();
        var actor = GridRequestContext.RequireOperator();
        if (state.State.Created)
        {
            throw new InvalidOperationException($"{_force} already exists.");
        }

        state.State.Created = true;
        state.State.DisplayName = string.IsNullOrWhiteSpace(displayName) ? _force.Value : displayName.Trim();
        state.State.CreatedAt = clock.GetUtcNow();
        return await IssueAsync(actor, adminUser, Role.ForceAdmin);
    }

    public Task<ApiKeyIssued> AddUserAsync(string user, Role roles)
    {
        var actor = GridRequestContext.RequireRole(_force, Role.ForceAdmin);
        RequireEnabled();
        return IssueAsync(actor, user, roles);
    }

    public Task<ImmutableArray<UserView>> ListUsersAsync()
    {
        var actor = GridRequestContext.RequirePrincipal();
        if (!actor.IsOperator && !actor.Acts(_force, Role.ForceAdmin) && !actor.Acts(_force, Role.Auditor))
        {
            throw new GridAccessDeniedException($"{actor} may not list the users of {_force}.");
        }

        return Task.FromResult(state.State.Users.Values.OrderBy(u => u.User, StringComparer.Ordinal).Select(u => u.ToView()).ToImmutableArray());
    }

    public async Task DisableUserAsync(string user)
    {
        var actor = GridRequestContext.RequireRole(_force, Role.ForceAdmin);
        var record = state.State.Users.GetValueOrDefault(user) ?? throw new KeyNotFoundException($"{_force} has no user '{user}'.");
        await GrainFactory.GetGrain<IApiKeyGrain>(record.KeyId).DisableAsync();
        state.State.Users[user] = record with { Disabled = true };
        await state.WriteStateAsync();
        await AuditAsync(actor, $"Disabled user {user} and key {record.KeyId}.");
    }

    public async Task DisableAsync()
    {
        GridRequestContext.RequireInternalCall();
        var actor = GridRequestContext.RequireOperator();
        await Task.WhenAll(state.State.Users.Values.Select(u => GrainFactory.GetGrain<IApiKeyGrain>(u.KeyId).DisableAsync()));
        state.State.Disabled = true;
        foreach (var user in state.State.Users.Keys.ToArray())
        {
            state.State.Users[user] = state.State.Users[user] with { Disabled = true };
        }

        await state.WriteStateAsync();
        await AuditAsync(actor, $"Disabled force {_force} and all {state.State.Users.Count} keys.");
    }

    public Task<ForceView> GetAsync()
    {
        var actor = GridRequestContext.RequirePrincipal();
        if (!actor.IsOperator && actor.Force != _force)
        {
            throw new GridAccessDeniedException($"{actor} may not read {_force}.");
        }

        RequireCreated();
        var s = state.State;
        return Task.FromResult(new ForceView(_force, s.DisplayName, s.Disabled, s.CreatedAt, s.Users.Count));
    }

    private async Task<ApiKeyIssued> IssueAsync(Principal actor, string user, Role roles)
    {
        if (string.IsNullOrEmpty(user) || user.Length > MaxUserName ||
            !user.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_'))
        {
            throw new ArgumentException($"A user name is 1 to {MaxUserName} of a-z, 0-9, '.', '-', '_'.", nameof(user));
        }

        if (roles == Role.None || (roles & ~(Role)63) != 0)
        {
            throw new ArgumentException("A user needs at least one known role.", nameof(roles));
        }

        if (state.State.Users.ContainsKey(user))
        {
            throw new InvalidOperationException($"{_force} already has a user '{user}'.");
        }

        var key = ApiKeyHasher.Create();
        var principal = new Principal(_force, user, roles, false);
        await GrainFactory.GetGrain<IApiKeyGrain>(key.KeyId).RegisterAsync(key.Hash, principal);
        state.State.Users[user] = new UserRecord(user, roles, key.KeyId, false, clock.GetUtcNow());
        await state.WriteStateAsync();
        await AuditAsync(actor, $"Added user {user} with roles {roles} and key {key.KeyId}.");
        return new ApiKeyIssued(key.KeyId, key.Key, principal);
    }

    private Task AuditAsync(Principal actor, string detail) =>
        GrainFactory.GetGrain<IAuditLogGrain>(_force.Value).AppendAsync(AuditEvent.Note(AuditKind.IdentityChange, actor.ToString(), null, detail));

    private void RequireCreated()
    {
        if (!state.State.Created)
        {
            throw new KeyNotFoundException($"{_force} is not a member force of the grid.");
        }
    }

    private void RequireEnabled()
    {
        RequireCreated();
        if (state.State.Disabled)
        {
            throw new InvalidOperationException($"{_force} is disabled.");
        }
    }
}
