using System.Text.RegularExpressions;
using Grid.Api.Mapping;
using Grid.Api.Problems;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using P = Grid.Protocol.Review;

namespace Grid.Api.Endpoints;

/// <summary>Follow-ups (core data after a confirmed match, Prüm II Art 47): list outgoing or incoming, read one, and the
/// owner's answers (release, decline, extend). A follow-up id is <c>OWNER/REQUESTER.searchId.rank</c>; its path is
/// <c>/forces/OWNER/follow-ups/REQUESTER.searchId.rank</c>.</summary>
public static partial class FollowUpEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/forces/{force}/follow-ups", async (string force, string? direction, IGrainFactory grains) =>
            {
                var incoming = direction switch
                {
                    "incoming" => true,
                    null or "" or "outgoing" => false,
                    _ => throw GridProblemException.BadRequest(ProblemCodes.InvalidArgument, $"direction is 'outgoing' or 'incoming' (got '{direction}')."),
                };
                var list = await grains.GetGrain<ICaseIndexGrain>(ReviewKeys.Index(Wire.Force(force))).ListFollowUpsAsync(incoming);
                return Reply.Json(list.Select(ReviewWire.ToWire).ToArray(), Reply.Types.FollowUpViewArray);
            })
            .WithTags("Review").WithName("ListFollowUps")
            .WithSummary("Follow-ups the force asked (?direction=outgoing, the default) or was asked (incoming), newest first, with " +
                         "deadline and overdue flag; never core data. Reviewer, searcher or auditor.")
            .Produces<P.FollowUpView[]>().ProducesGridProblem(400);

        var one = api.MapGroup("/forces/{owner}/follow-ups/{name}").WithTags("Review");

        one.MapGet("/", async (string owner, string name, IGrainFactory grains) => View(await Call(grains, owner, name, g => g.GetAsync())))
            .WithName("GetFollowUp").WithSummary("One follow-up. Either force's reviewers.").Produces<P.FollowUpView>().ProducesGridProblem(404);

        one.MapPost("/release", async (string owner, string name, IGrainFactory grains) => View(await Answer(grains, owner, name, g => g.ReleaseAsync())))
            .WithName("ReleaseFollowUp")
            .WithSummary("Releases the subject's core data to the requesting case (and nowhere else) while the agreement is active. Owner's reviewer.")
            .Produces<P.FollowUpView>().ProducesGridProblem(403).ProducesGridProblem(404).ProducesGridProblem(409);

        one.MapPost("/decline", async (string owner, string name, HttpContext http, IGrainFactory grains) =>
            {
                var decline = await JsonBody.ReadAsync(http, Reply.Types.FollowUpDecline);
                return View(await Answer(grains, owner, name, g => g.DeclineAsync(decline.Reason ?? "")));
            })
            .WithName("DeclineFollowUp").WithSummary("Declines with a reason. Owner's reviewer.")
            .Accepts<P.FollowUpDecline>("application/json").Produces<P.FollowUpView>()
            .ProducesGridProblem(400).ProducesGridProblem(403).ProducesGridProblem(404).ProducesGridProblem(409);

        one.MapPost("/extend", async (string owner, string name, HttpContext http, IGrainFactory grains) =>
            {
                var extension = await JsonBody.ReadAsync(http, Reply.Types.FollowUpExtension);
                return View(await Answer(grains, owner, name, g => g.ExtendAsync(extension.Authorisation ?? "", extension.Until)));
            })
            .WithName("ExtendFollowUp").WithSummary("Moves the deadline while a judicial authorisation is sought. Owner's reviewer.")
            .Accepts<P.FollowUpExtension>("application/json").Produces<P.FollowUpView>()
            .ProducesGridProblem(400).ProducesGridProblem(403).ProducesGridProblem(404).ProducesGridProblem(409);
    }

    private static IResult View(FollowUpView view) => Reply.Json(ReviewWire.ToWire(view), Reply.Types.FollowUpView);

    /// <summary>An answer is the owner's reviewer's alone: any other caller (the requester included) gets not-owner-reviewer.</summary>
    private static async Task<FollowUpView> Answer(IGrainFactory grains, string owner, string name, Func<IFollowUpGrain, Task<FollowUpView>> call)
    {
        try
        {
            return await Call(grains, owner, name, call);
        }
        catch (GridAccessDeniedException e)
        {
            throw new GridProblemException(ProblemCodes.NotOwnerReviewer, StatusCodes.Status403Forbidden, e.Message);
        }
    }

    private static async Task<FollowUpView> Call(IGrainFactory grains, string owner, string name, Func<IFollowUpGrain, Task<FollowUpView>> call)
    {
        var force = Wire.Force(owner);
        if (!FollowUpName().IsMatch(name)) throw NotFound($"{owner}/{name}");
        try
        {
            return await call(grains.GetGrain<IFollowUpGrain>($"{force}/{name}"));
        }
        catch (ReviewRefusedException e) when (e.Reason == ReviewRefusal.UnknownCase)
        {
            throw NotFound($"{force}/{name}");
        }
    }

    private static GridProblemException NotFound(string id) =>
        new(ProblemCodes.FollowUpNotFound, StatusCodes.Status404NotFound, $"There is no follow-up {id}: never asked, or deleted under retention.");

    /// <summary>REQUESTER.searchId.rank (see ReviewKeys.FollowUp).</summary>
    [GeneratedRegex("^[A-Z]{2}(-[A-Z0-9]{1,16})?\\.[0-9a-f]{32}\\.[0-9]{1,3}$")]
    private static partial Regex FollowUpName();
}
