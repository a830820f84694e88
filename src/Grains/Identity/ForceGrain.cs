using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Security;

namespace Grid.Grains.Identity;

/// <summary>
/// A force and its users [key: FORCE]. Not reentrant: adding and disabling users are serialised
/// so a user name is never given two keys.
/// </summary>
public sealed class ForceGrain(
    [PersistentState("force", "grid")] IPersistentState<ForceState> state,
    StateSeal seal,
    TimeProvider clock) : Grain, IForceGrain
{
    private const int MaxUserName = 64;
    private const string GrainType = "force";
    private ForceId _force = null!;
    private bool _trusted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _force = ForceId.Parse(this.GetPrimaryKeyString());
        _trusted = await seal.CheckAsync(state, GrainType, _force.Value, _force, GrainFactory);
    }

    private Task WriteAsync() => seal.WriteAsync(state, GrainType, _force.Value);

    private void RequireTrusted()
    {
        if (!_trusted)
            throw new GridAccessDeniedException($"{_force}'s stored users and roles fail their seal check (written outside the grid): refused until an operator restores them.");
    }

    public async Task<ApiKeyIssued> InitialiseAsync(string displayName, string adminUser)
    {
        GridRequestContext.RequireInternalCall();
        var actor = GridRequestContext.RequireOperator();
        RequireTrusted();
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
        RequireTrusted();
        if (!actor.IsOperator && !actor.Acts(_force, Role.ForceAdmin) && !actor.Acts(_force, Role.Auditor))
        {
            throw new GridAccessDeniedException($"{actor} may not list the users of {_force}.");
        }

        return Task.FromResult(state.State.Users.Values.OrderBy(u => u.User, StringComparer.Ordinal).Select(u => u.ToView()).ToImmutableArray());
    }

    public async Task DisableUserAsync(string user)
    {
        var actor = GridRequestContext.RequireRole(_force, Role.ForceAdmin);
        RequireTrusted();
        var record = state.State.Users.GetValueOrDefault(user) ?? throw new KeyNotFoundException($"{_force} has no user '{user}'.");
        if (!record.Disabled && record.Roles.HasFlag(Role.ForceAdmin) &&
            !state.State.Users.Values.Any(u => u.User != user && !u.Disabled && u.Roles.HasFlag(Role.ForceAdmin)))
        {
            await AuditAsync(actor, $"Refused to disable {user}: the last active force admin of {_force} (the force would be locked out).");
            throw new InvalidOperationException($"{user} is {_force}'s last active force admin; add another force admin before disabling this one.");
        }

        await GrainFactory.GetGrain<IApiKeyGrain>(record.KeyId).DisableAsync();
        state.State.Users[user] = record with { Disabled = true };
        await WriteAsync();
        await AuditAsync(actor, $"Disabled user {user} and key {record.KeyId}.");
    }

    public async Task DisableAsync()
    {
        GridRequestContext.RequireInternalCall();
        var actor = GridRequestContext.RequireOperator();
        RequireTrusted();
        await Task.WhenAll(state.State.Users.Values.Select(u => GrainFactory.GetGrain<IApiKeyGrain>(u.KeyId).DisableAsync()));
        state.State.Disabled = true;
        foreach (var user in state.State.Users.Keys.ToArray())
        {
            state.State.Users[user] = state.State.Users[user] with { Disabled = true };
        }

        await WriteAsync();
        await AuditAsync(actor, $"Disabled force {_force} and all {state.State.Users.Count} keys.");
    }

    public Task<ForceView> GetAsync()
    {
        var actor = GridRequestContext.RequirePrincipal();
        if (!actor.IsOperator && actor.Force != _force)
        {
            throw new GridAccessDeniedException($"{actor} may not read {_force}.");
        }

        RequireTrusted();
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
        await WriteAsync();
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
        RequireTrusted();
        RequireCreated();
        if (state.State.Disabled)
        {
            throw new InvalidOperationException($"{_force} is disabled.");
        }
    }
}
