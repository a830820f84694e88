using Grid.Api.Authentication;
using Grid.Api.Mapping;
using Grid.Contracts.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using P = Grid.Protocol.Identity;

namespace Grid.Api.Endpoints;

/// <summary>Forces (operator), users and keys (force admins), and the caller's own identity.</summary>
public static class IdentityEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", (HttpContext http) => Reply.Json(Wire.ToWire(GridCaller.Of(http).Principal), Reply.Types.PrincipalView))
            .WithTags("Identity").WithName("WhoAmI").WithSummary("Whom the presented key stands for.").Produces<P.PrincipalView>();

        var forces = api.MapGroup("/forces").WithTags("Identity");
        forces.MapPost("/", async (HttpContext http, IGrainFactory grains) =>
            {
                var request = await JsonBody.ReadAsync(http, Reply.Types.CreateForceRequest);
                var issued = await Operator(grains).CreateForceAsync(Wire.Force(request.Force), request.DisplayName ?? "", request.AdminUser ?? "admin");
                return Reply.Json(Wire.ToWire(issued), Reply.Types.ApiKeyIssued, StatusCodes.Status201Created);
            })
            .WithName("CreateForce").WithSummary("Creates a member force and its first administrator; the admin's key is returned once. Operator.")
            .Accepts<P.CreateForceRequest>("application/json").Produces<P.ApiKeyIssued>(201).ProducesGridProblem(403).ProducesGridProblem(409);

        forces.MapGet("/", async (IGrainFactory grains) =>
                Reply.Json((await Operator(grains).ListForcesAsync()).Select(Wire.ToWire).ToArray(), Reply.Types.ForceViewArray))
            .WithName("ListForces").WithSummary("Every member force with names and user counts. Operator.").Produces<P.ForceView[]>();

        api.MapGet("/members", async (IGrainFactory grains) =>
                Reply.Json((await Operator(grains).ListMemberIdsAsync()).Select(f => f.Value).ToArray(), Reply.Types.StringArray))
            .WithTags("Identity").WithName("ListMembers").WithSummary("The member forces' ids (whom agreements can name). Any caller.")
            .Produces<string[]>();

        forces.MapPost("/{force}/users", async (string force, HttpContext http, IGrainFactory grains) =>
            {
                var request = await JsonBody.ReadAsync(http, Reply.Types.CreateUserRequest);
                var issued = await grains.GetGrain<IForceGrain>(Wire.Force(force).Value).AddUserAsync(request.User ?? "", Wire.ToContract(request.Roles));
                return Reply.Json(Wire.ToWire(issued), Reply.Types.ApiKeyIssued, StatusCodes.Status201Created);
            })
            .WithName("AddUser").WithSummary("Adds a user with roles; the user's key is returned once. Force admin.")
            .Accepts<P.CreateUserRequest>("application/json").Produces<P.ApiKeyIssued>(201).ProducesGridProblem(403).ProducesGridProblem(409);

        forces.MapGet("/{force}/users", async (string force, IGrainFactory grains) =>
                Reply.Json((await grains.GetGrain<IForceGrain>(Wire.Force(force).Value).ListUsersAsync()).Select(Wire.ToWire).ToArray(), Reply.Types.UserViewArray))
            .WithName("ListUsers").WithSummary("A force's users (key ids, never keys). Force admin.").Produces<P.UserView[]>();

        forces.MapPost("/{force}/users/{user}/disable", async (string force, string user, IGrainFactory grains) =>
            {
                await grains.GetGrain<IForceGrain>(Wire.Force(force).Value).DisableUserAsync(user);
                return TypedResults.NoContent();
            })
            .WithName("DisableUser").WithSummary("Disables a user's key at once. Force admin.");
    }

    private static IOperatorGrain Operator(IGrainFactory grains) => grains.GetGrain<IOperatorGrain>(IOperatorGrain.Key);
}
