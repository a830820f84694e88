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

/// <summary>The requester's review cases: list (the queue), show, decide, candidate image, ask for follow-up. The case
/// grain checks every rule (roles, four-eyes, confirmation, the owner's agreement at image-fetch time); the door only
/// shapes input and names each refusal.</summary>
public static class CaseEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/forces/{force}/cases").WithTags("Review");

        cases.MapGet("/", async (string force, string? queue, IGrainFactory grains) =>
            {
                var undecided = queue switch
                {
                    null or "" or "all" => false,
                    "undecided" => true,
                    _ => throw GridProblemException.BadRequest(ProblemCodes.InvalidArgument, $"queue is 'undecided' or 'all' (got '{queue}')."),
                };
                var list = await grains.GetGrain<ICaseIndexGrain>(ReviewKeys.Index(Wire.Force(force))).ListCasesAsync(undecided);
                return Reply.Json(list.Select(ReviewWire.ToWire).ToArray(), Reply.Types.CaseSummaryArray);
            })
            .WithName("ListCases").WithSummary("The force's review cases, newest first; ?queue=undecided: those with a candidate " +
                                               "waiting for a reviewer. Reviewer, searcher or auditor.")
            .Produces<P.CaseSummary[]>().ProducesGridProblem(400);

        cases.MapGet("/{searchId}", async (string force, string searchId, IGrainFactory grains) =>
                Reply.Json(ReviewWire.ToWire(await Case(grains, force, searchId).GetAsync()), Reply.Types.ReviewCase))
            .WithName("GetCase")
            .WithSummary("A case: purpose, candidates with scores, FMR and the owner's terms, coverage, refusals, decisions (four-eyes: " +
                         "others' only after your own), follow-ups. The probe is not held by the grid: only its fingerprint.")
            .Produces<P.ReviewCase>().ProducesGridProblem(404);

        cases.MapPost("/{searchId}/candidates/{rank:int}/decisions", async (string force, string searchId, int rank, HttpContext http, IGrainFactory grains) =>
            {
                var decision = await JsonBody.ReadAsync(http, Reply.Types.DecideRequest);
                if (!Enum.IsDefined(decision.Verdict))
                    throw GridProblemException.BadRequest(ProblemCodes.InvalidReviewInput, "verdict is PossibleMatch, NoMatch or Inconclusive.");
                try
                {
                    var next = await Case(grains, force, searchId).DecideAsync(rank, ReviewWire.ToContract(decision.Verdict), decision.Note ?? "");
                    return Reply.Json(ReviewWire.ToWire(next), Reply.Types.ReviewCase);
                }
                catch (GridAccessDeniedException e)
                {
                    throw new GridProblemException(ProblemCodes.NotAReviewer, StatusCodes.Status403Forbidden, e.Message);
                }
            })
            .WithName("Decide")
            .WithSummary("Records your decision (PossibleMatch, NoMatch, Inconclusive) and note on one candidate. Reviewer of the case's force; " +
                         "in four-eyes mode a second, different reviewer completes it.")
            .Accepts<P.DecideRequest>("application/json").Produces<P.ReviewCase>()
            .ProducesGridProblem(400).ProducesGridProblem(404).ProducesGridProblem(409);

        cases.MapGet("/{searchId}/candidates/{rank:int}/image", async (string force, string searchId, int rank, HttpContext http, IGrainFactory grains) =>
            {
                var image = await Case(grains, force, searchId).GetCandidateImageAsync(rank);
                return SubjectEndpoints.Image(http, image);
            })
            .WithName("GetCandidateImage")
            .WithSummary("The owner's reference image of a candidate (image/jpeg or image/png), only through the case and only while the " +
                         "owner's agreement shares images; otherwise images-not-shared. Reviewer or searcher of the case's force.")
            .Produces(200, contentType: "image/jpeg", additionalContentTypes: ["image/png"]).ProducesGridProblem(404);

        cases.MapPost("/{searchId}/candidates/{rank:int}/follow-up", async (string force, string searchId, int rank, HttpContext http, IGrainFactory grains) =>
            {
                var request = await JsonBody.ReadAsync(http, Reply.Types.FollowUpRequest);
                var opened = await Case(grains, force, searchId).RequestFollowUpAsync(rank, ReviewWire.ToContract(request));
                return Reply.Json(ReviewWire.ToWire(opened), Reply.Types.FollowUpView, StatusCodes.Status201Created);
            })
            .WithName("RequestFollowUp")
            .WithSummary("Asks the candidate's owner for core data (offence, facts); the candidate must be a confirmed possible match " +
                         "under an active agreement. The 48-hour clock starts. Reviewer or searcher of the case's force.")
            .Accepts<P.FollowUpRequest>("application/json").Produces<P.FollowUpView>(201)
            .ProducesGridProblem(400).ProducesGridProblem(404).ProducesGridProblem(409);
    }

    private static IReviewCaseGrain Case(IGrainFactory grains, string force, string searchId)
    {
        // Search ids are 32 hex digits; anything else names no case (and activates no grain).
        if (searchId.Length != 32 || !searchId.All(char.IsAsciiHexDigitLower))
            throw new GridProblemException(ProblemCodes.CaseNotFound, StatusCodes.Status404NotFound, $"'{searchId}' is not a search id (32 lower-case hex digits).");
        return grains.GetGrain<IReviewCaseGrain>(ReviewKeys.Case(Wire.Force(force), searchId));
    }
}
