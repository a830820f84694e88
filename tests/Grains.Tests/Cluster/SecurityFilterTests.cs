using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Identity;
using Xunit;
using static Grid.Grains.Tests.Cluster.GridClusterFixture;

namespace Grid.Grains.Tests.Cluster;

[Collection(GridClusterCollection.Name)]
public sealed class SecurityFilterTests(GridClusterFixture grid)
{
    [Fact]
    public async Task A_forged_or_missing_key_is_refused()
    {
        As(ApiKeyHasher.Create().Key);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListForcesAsync());
        As("not a key");
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListForcesAsync());
        RequestContext.Clear();
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListForcesAsync());
    }

    [Fact]
    public async Task A_forged_internal_ticket_is_refused()
    {
        As(grid.OperatorKey);
        RequestContext.Set(GridRequestContext.InternalTicketKey, "v1.1767225600000.0011223344556677.00");
        var e = await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListForcesAsync());
        Assert.Contains("internal ticket", e.Message);
    }

    [Fact]
    public async Task A_client_cannot_call_an_internal_grain_even_with_a_good_key()
    {
        As(grid.OperatorKey);
        var e = await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IApiKeyGrain>("0123456789ab").ResolveAsync("x"));
        Assert.Contains("internal", e.Message);
    }

    [Fact]
    public async Task A_client_cannot_make_silo_only_calls_or_claim_a_principal()
    {
        var admin = await CreateForceAsync("PT-PJ");
        As(admin.Key);

        // The client claims to be the operator; the filter replaces that with the key's principal.
        RequestContext.Set(GridRequestContext.PrincipalKey, Principal.Operator("me"));
        await Assert.ThrowsAsync<GridAccessDeniedException>(() =>
            grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(ForceId.Parse("PL"), "x", "admin"));
        await Assert.ThrowsAsync<GridAccessDeniedException>(() =>
            grid.Client.GetGrain<IAuditLogGrain>("PT-PJ").AppendAsync(AuditEvent.Note(AuditKind.Refusal, "me", null, "fake")));
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IForceGrain>("PT-PJ").InitialiseAsync("x", "y"));
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).BootstrapAsync("me"));
    }

    [Fact]
    public async Task Users_get_keys_once_and_a_disabled_key_is_refused()
    {
        var admin = await CreateForceAsync("AT-BK");
        As(admin.Key);
        var force = grid.Client.GetGrain<IForceGrain>("AT-BK");
        var searcher = await force.AddUserAsync("sam", Role.Searcher);
        Assert.Equal(new Principal(ForceId.Parse("AT-BK"), "sam", Role.Searcher, false), searcher.Principal);
        var users = await force.ListUsersAsync();
        Assert.Equal(["admin", "sam"], users.Select(u => u.User));
        Assert.DoesNotContain(users, u => u.KeyId.Length > 12);

        As(searcher.Key);
        Assert.Equal(2, (await force.GetAsync()).UserCount);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => force.AddUserAsync("eve", Role.ForceAdmin));

        As(admin.Key);
        await force.DisableUserAsync("sam");
        As(searcher.Key);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => force.GetAsync());
    }

    [Fact]
    public async Task Only_the_operator_creates_and_lists_forces()
    {
        var admin = await CreateForceAsync("SE-NOA");
        As(admin.Key);
        await Assert.ThrowsAsync<GridAccessDeniedException>(() => grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListForcesAsync());
        As(grid.OperatorKey);
        var forces = await grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListForcesAsync();
        Assert.Contains(forces, f => f.Force.Value == "SE-NOA");
        await Assert.ThrowsAsync<InvalidOperationException>(() => CreateForceAsync("SE-NOA"));
        Internally(null);
        Assert.Null(await grid.Silo.GetGrain<IOperatorGrain>(IOperatorGrain.Key).BootstrapAsync("again"));
    }

    private async Task<ApiKeyIssued> CreateForceAsync(string force)
    {
        As(grid.OperatorKey);
        return await grid.Client.GetGrain<IOperatorGrain>(IOperatorGrain.Key).CreateForceAsync(ForceId.Parse(force), force, "admin");
    }
}
