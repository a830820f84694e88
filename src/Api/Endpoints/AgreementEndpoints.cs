using Grid.Api.Mapping;
using Grid.Contracts.Identity;
using Grid.Contracts.Sharing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using P = Grid.Protocol.Sharing;

namespace Grid.Api.Endpoints;

/// <summary>Sharing agreements OWNER→REQUESTER: the owner's agreement-admin proposes, suspends, resumes and revokes; the
/// requester's accepts; both (and their auditors) read. The agreement grain checks every one of these rules.</summary>
public static class AgreementEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var agreements = api.MapGroup("/agreements/{owner}/{requester}").WithTags("Agreements");

        agreements.MapGet("/", async (string owner, string requester, IGrainFactory grains) => View(await Agreement(grains, owner, requester).GetAsync()))
            .WithName("GetAgreement").WithSummary("An agreement and its history (status None when never proposed).").Produces<P.AgreementView>();

        agreements.MapPut("/", async (string owner, string requester, HttpContext http, IGrainFactory grains) =>
            {
                var terms = await JsonBody.ReadAsync(http, Reply.Types.AgreementTerms);
                return View(await Agreement(grains, owner, requester).ProposeAsync(Wire.ToContract(terms)));
            })
            .WithName("ProposeAgreement").WithSummary("Proposes (or re-proposes) terms. Owner's agreement-admin.")
            .Accepts<P.AgreementTerms>("application/json").Produces<P.AgreementView>().ProducesGridProblem(400).ProducesGridProblem(403);

        agreements.MapPost("/accept", async (string owner, string requester, HttpContext http, IGrainFactory grains) =>
            {
                var accept = await JsonBody.ReadAsync(http, Reply.Types.AcceptAgreementRequest);
                return View(await Agreement(grains, owner, requester).AcceptAsync(accept.Version));
            })
            .WithName("AcceptAgreement").WithSummary("Accepts exactly the version reviewed. Requester's agreement-admin.")
            .Accepts<P.AcceptAgreementRequest>("application/json").Produces<P.AgreementView>().ProducesGridProblem(409);

        agreements.MapPost("/suspend", async (string owner, string requester, IGrainFactory grains) => View(await Agreement(grains, owner, requester).SuspendAsync()))
            .WithName("SuspendAgreement").WithSummary("Pauses an active agreement. Owner's agreement-admin.").Produces<P.AgreementView>();
        agreements.MapPost("/resume", async (string owner, string requester, IGrainFactory grains) => View(await Agreement(grains, owner, requester).ResumeAsync()))
            .WithName("ResumeAgreement").WithSummary("Resumes a suspended agreement. Owner's agreement-admin.").Produces<P.AgreementView>();
        agreements.MapPost("/revoke", async (string owner, string requester, IGrainFactory grains) => View(await Agreement(grains, owner, requester).RevokeAsync()))
            .WithName("RevokeAgreement").WithSummary("Ends an agreement; binding on every search that starts after this returns. Owner's agreement-admin.")
            .Produces<P.AgreementView>();

        api.MapGet("/forces/{force}/agreements", async (string force, IGrainFactory grains) =>
            {
                // The force's index names its agreements; each is read from its own grain, so what is shown is current.
                var indexed = await grains.GetGrain<IForceAgreementsGrain>(Wire.Force(force).Value).ListAsync();
                var views = await Task.WhenAll(indexed.Select(v => grains.GetGrain<ISharingAgreementGrain>(v.Key.ToString()).GetAsync()));
                return Reply.Json(views.Where(v => v.Status != AgreementStatus.None).Select(Wire.ToWire).ToArray(), Reply.Types.AgreementViewArray);
            })
            .WithTags("Agreements").WithName("ListAgreements")
            .WithSummary("Every agreement the force is party to, as owner or requester. Its agreement-admin or auditor.")
            .Produces<P.AgreementView[]>();
    }

    private static ISharingAgreementGrain Agreement(IGrainFactory grains, string owner, string requester) =>
        grains.GetGrain<ISharingAgreementGrain>(new AgreementKey(Wire.Force(owner), Wire.Force(requester)).ToString());

    private static IResult View(AgreementView view) => Reply.Json(Wire.ToWire(view), Reply.Types.AgreementView);
}
