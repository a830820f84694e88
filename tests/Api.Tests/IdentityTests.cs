using System.Net;
using Grid.Client;
using Grid.Protocol.Errors;
using Grid.Protocol.Identity;

namespace Grid.Api.Tests;

/// <summary>Forces, users and keys through the API, and the door's sign-in refusals.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdentityTests(ApiGrid grid)
{
    [SkippableFact]
    public async Task The_operator_makes_a_force_its_admin_a_user_whose_key_works_until_it_is_disabled()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        var admin = await grid.Operator.CreateForceAsync("FR", "Police nationale", "fr-admin");
        await using var asAdmin = await grid.ConnectAsync(admin.Key);
        var analyst = await asAdmin.AddUserAsync("FR", "analyst", Role.Searcher | Role.Reviewer);
        await using var asAnalyst = await grid.ConnectAsync(analyst.Key);

        Assert.Equal(("FR", "fr-admin", false), (admin.Principal.Force, admin.Principal.User, admin.Principal.IsOperator));
        Assert.Equal(["force-admin"], admin.Principal.Roles);
        Assert.Equal(["searcher", "reviewer"], (await asAnalyst.WhoAmIAsync()).Roles);
        Assert.Contains(await asAdmin.ListUsersAsync("FR"), u => u.User == "analyst" && u.KeyId == analyst.KeyId && !u.Disabled);
        Assert.Contains("FR", await asAnalyst.ListMemberIdsAsync());
        Assert.Contains(await grid.Operator.ListForcesAsync(), f => f.Force == "FR" && f.DisplayName == "Police nationale");

        await asAdmin.DisableUserAsync("FR", "analyst");
        var refused = await Assert.ThrowsAsync<GridException>(() => asAnalyst.WhoAmIAsync());
        Assert.Equal(ProblemCodes.Unauthenticated, refused.Code);
        Assert.Equal(401, refused.Status);
    }

    [SkippableFact]
    public async Task Roles_are_enforced_behind_the_door()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));

        var createForce = await Assert.ThrowsAsync<GridException>(() => nl.CreateForceAsync("BE", "Belgium", "admin"));
        var otherForcesUsers = await Assert.ThrowsAsync<GridException>(() => nl.ListUsersAsync("DE"));
        var otherForcesAudit = await Assert.ThrowsAsync<GridException>(() => nl.GetAuditAsync("DE"));

        Assert.All([createForce, otherForcesUsers, otherForcesAudit], e => Assert.Equal((ProblemCodes.AccessDenied, 403), (e.Code, e.Status)));
    }

    [SkippableTheory]
    [InlineData(null, "No API key")]
    [InlineData("Basic dXNlcjpwYXNz", "malformed")]
    [InlineData("Bearer not-a-grid-key", "malformed")]
    [InlineData("Bearer isg_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "unknown")]
    public async Task Missing_malformed_and_unknown_keys_get_401_with_a_problem(string? authorization, string detail)
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        using var http = grid.Raw();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/me");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemCodes.Unauthenticated, await ApiGrid.ProblemCodeAsync(response));
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
