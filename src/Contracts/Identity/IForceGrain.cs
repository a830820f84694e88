using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Contracts.Identity;

/// <summary>A member force and its users [key: FORCE]. Created only through <see cref="IOperatorGrain"/>.</summary>
public interface IForceGrain : IGrainWithStringKey
{
    /// <summary>Silo-internal: called by the operator grain when it creates the force.</summary>
    Task<ApiKeyIssued> InitialiseAsync(string displayName, string adminUser);

    /// <summary>The force admin adds a user; the user's key is returned this once.</summary>
    Task<ApiKeyIssued> AddUserAsync(string user, Role roles);

    // [ReadOnly]: reads interleave with each other but never with a change, so they see whole states.
    [ReadOnly]
    Task<ImmutableArray<UserView>> ListUsersAsync();

    Task DisableUserAsync(string user);

    /// <summary>Silo-internal: called by the operator grain.</summary>
    Task DisableAsync();

    [ReadOnly]
    Task<ForceView> GetAsync();
}
