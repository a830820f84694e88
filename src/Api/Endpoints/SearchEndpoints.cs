using Grid.Api.Limits;
using Grid.Api.Mapping;
using Grid.Api.Problems;
using Grid.Contracts.Search;
using Grid.Protocol.Errors;
using Grid.Protocol.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using P = Grid.Protocol.Search;

namespace Grid.Api.Endpoints;

/// <summary><c>POST /v1/search</c>: the request is checked whole at the door (galleries, k, score, deadline, probe,
/// purpose) before the search coordinator sees it; the coordinator and each owner's shards check it again.</summary>
public static class SearchEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/search", async (HttpContext http, IGrainFactory grains, IOptions<GridApiOptions> options) =>
            {
                var request = await JsonBody.ReadAsync(http, Reply.Types.SearchRequest);
                var search = Check(request, options.Value);
                var response = await SearchAsync(grains, search, http.RequestAborted);
                return Reply.Json(Wire.ToWire(response), Reply.Types.SearchResponse);
            })
            .WithTags("Search").WithName("Search")
            .WithSummary("Searches with one probe template for a stated purpose; returns a candidate list for human review, " +
                         "the coverage and the galleries refused. Searcher.")
            .Accepts<P.SearchRequest>("application/json").Produces<P.SearchResponse>()
            .ProducesGridProblem(400).ProducesGridProblem(403).ProducesGridProblem(413).ProducesGridProblem(415);
    }

    /// <summary>
    /// Shards that fail are the coordinator's to handle (<c>SearchCoordinatorGrain</c> reports them in the coverage and
    /// retries a rejected one). What is left here is the coordinator itself failing at the transport (its activation's
    /// silo died, or one of its own calls was rejected past its retries): the whole search is asked once more, of a new
    /// activation, if at least half the deadline is left. A search that ran the first time may then be audited twice,
    /// which is true: it was run twice.
    /// </summary>
    private static async Task<SearchResponse> SearchAsync(IGrainFactory grains, SearchRequest search, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            return await grains.GetGrain<ISearchCoordinatorGrain>(0).SearchAsync(search, cancellationToken);
        }
        catch (Exception e) when (Grid.Grains.Search.ShardFailover.IsTransient(e) && clock.Elapsed < search.Deadline / 2)
        {
            return await grains.GetGrain<ISearchCoordinatorGrain>(0).SearchAsync(search with { Deadline = search.Deadline - clock.Elapsed }, cancellationToken);
        }
    }

    public static SearchRequest Check(P.SearchRequest r, GridApiOptions options)
    {
        if (r.Galleries is { Length: var n } && n > options.MaxGalleriesPerSearch)
            throw GridProblemException.BadRequest(ProblemCodes.TooManyGalleries, $"The search names {n} galleries; one search may name at most {options.MaxGalleriesPerSearch}.");
        if (r.Partners is { Length: var p } && p > options.MaxPartnersPerSearch)
            throw GridProblemException.BadRequest(ProblemCodes.InvalidArgument, $"The search names {p} partners; at most {options.MaxPartnersPerSearch}.");
        if (r.K is < 1 or > P.SearchRequest.MaxK)
            throw GridProblemException.BadRequest(ProblemCodes.InvalidArgument, $"k must be 1 to {P.SearchRequest.MaxK} (got {r.K}).");
        if (!float.IsFinite(r.MinScore) || r.MinScore is < -1f or > 1f)
            throw GridProblemException.BadRequest(ProblemCodes.InvalidArgument, "minScore must be a cosine similarity from -1 to 1.");
        if (r.DeadlineMs is < 1 or > P.SearchRequest.MaxDeadlineMs)
            throw GridProblemException.BadRequest(ProblemCodes.InvalidArgument, $"deadlineMs must be 1 to {P.SearchRequest.MaxDeadlineMs}.");
        if (r.Probe is null || r.Probe.Length != TemplateWire.Dimension)
            throw GridProblemException.BadRequest(ProblemCodes.InvalidTemplate, $"The probe must be {TemplateWire.Dimension} floats (got {r.Probe?.Length ?? 0}).");
        if (r.Purpose is null)
            throw GridProblemException.BadRequest(ProblemCodes.InvalidPurpose, "Search refused: the purpose (offence, caseReference, subject, justification) is missing.");
        var search = Wire.ToContract(r);
        if (!search.Purpose.TryValidate(out var problems))
            throw GridProblemException.BadRequest(ProblemCodes.InvalidPurpose, "Search refused: " + string.Join(" ", problems));
        return search;
    }
}
