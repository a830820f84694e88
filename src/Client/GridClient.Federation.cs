using System.Collections.Immutable;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;

namespace Grid.Client;

/// <summary>Forces, users, sharing agreements and audit: the administrators' side of the client.</summary>
public sealed partial class GridClient
{
    public Task<ApiKeyIssued> CreateForceAsync(ForceId force, string displayName, string adminUser) =>
        _cluster.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(force, displayName, adminUser);

    public Task<ImmutableArray<ForceView>> ListForcesAsync() => _cluster.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListForcesAsync();

    public Task<ImmutableArray<ForceId>> ListMemberIdsAsync() => _cluster.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListMemberIdsAsync();

    public Task<ApiKeyIssued> AddUserAsync(ForceId force, string user, Role roles) => Force(force).AddUserAsync(user, roles);

    public Task<ImmutableArray<UserView>> ListUsersAsync(ForceId force) => Force(force).ListUsersAsync();

    public Task DisableUserAsync(ForceId force, string user) => Force(force).DisableUserAsync(user);

    public ISharingAgreementGrain Agreement(AgreementKey key) => _cluster.GetGrain<ISharingAgreementGrain>(key.ToString());

    /// <summary>The agreements <paramref name="force"/> is party to, as owner or requester: the force's index names
    /// them, and each is read from its own agreement grain, so what is shown is current.</summary>
    public async Task<ImmutableArray<AgreementView>> ListAgreementsAsync(ForceId force)
    {
        var indexed = await _cluster.GetGrain<IForceAgreementsGrain>(force.Value).ListAsync();
        var views = await Task.WhenAll(indexed.Select(v => Agreement(v.Key).GetAsync()));
        return [.. views.Where(v => v.Status != AgreementStatus.None)];
    }

    public IAuditLogGrain Audit(ForceId force) => _cluster.GetGrain<IAuditLogGrain>(force.Value);

    private IForceGrain Force(ForceId force) => _cluster.GetGrain<IForceGrain>(force.Value);
}
