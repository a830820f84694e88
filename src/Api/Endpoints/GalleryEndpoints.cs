using Grid.Api.Enrolment;
using Grid.Api.Limits;
using Grid.Api.Mapping;
using Grid.Api.Problems;
using Grid.Contracts.Galleries;
using Grid.Protocol.Errors;
using Grid.Protocol.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using P = Grid.Protocol.Galleries;

namespace Grid.Api.Endpoints;

/// <summary>Galleries: create, read, status, bulk enrolment (.npy streamed), removal, snapshot, rebalance, re-index.</summary>
public static class GalleryEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var galleries = api.MapGroup("/galleries").WithTags("Galleries");

        galleries.MapGet("/", async (IGrainFactory grains) =>
                Reply.Json((await grains.GetGrain<IGalleryCatalogGrain>(0).ListAsync()).Select(Wire.ToWire).ToArray(), Reply.Types.GalleryIdArray))
            .WithName("ListGalleries").WithSummary("The galleries the caller may see (its force's; every gallery for the operator).")
            .Produces<P.GalleryId[]>();

        galleries.MapPut("/{force}/{name}", async (string force, string name, HttpContext http, IGrainFactory grains) =>
            {
                var config = await JsonBody.ReadAsync(http, Reply.Types.GalleryConfig);
                if (config.ShardCount is < 1 or > P.GalleryConfig.MaxShards)
                    throw GridProblemException.BadRequest(ProblemCodes.InvalidArgument, $"shardCount must be 1 to {P.GalleryConfig.MaxShards}.");
                var info = await Gallery(grains, force, name).CreateAsync(Wire.ToContract(config));
                return Reply.Json(Wire.ToWire(info), Reply.Types.GalleryInfo);
            })
            .WithName("CreateGallery").WithSummary("Creates a gallery (idempotent for the same settings; 409 for others). Force admin.")
            .Accepts<P.GalleryConfig>("application/json").Produces<P.GalleryInfo>().ProducesGridProblem(400).ProducesGridProblem(409);

        galleries.MapGet("/{force}/{name}", async (string force, string name, IGrainFactory grains) =>
                await Gallery(grains, force, name).GetAsync() is { } info
                    ? Reply.Json(Wire.ToWire(info), Reply.Types.GalleryInfo)
                    : throw new GridProblemException(ProblemCodes.GalleryNotFound, 404, $"Gallery {force}/{name} does not exist."))
            .WithName("GetGallery").WithSummary("A gallery's configuration.").Produces<P.GalleryInfo>().ProducesGridProblem(404);

        galleries.MapGet("/{force}/{name}/status", async (string force, string name, IGrainFactory grains) =>
                Reply.Json(Wire.ToWire(await Gallery(grains, force, name).GetStatusAsync()), Reply.Types.GalleryStatus))
            .WithName("GetGalleryStatus").WithSummary("A gallery's shards: counts, memory, silo, engine and any re-index's progress.").Produces<P.GalleryStatus>();

        galleries.MapPost("/{force}/{name}/templates", async (string force, string name, HttpContext http, IGrainFactory grains,
                IOptions<GridApiOptions> options, string? model, int? batch) =>
            {
                var rows = batch ?? 1000;
                if (rows is < 1 or > 10_000) throw GridProblemException.BadRequest(ProblemCodes.InvalidArgument, "batch must be 1 to 10000 rows.");
                var gallery = Gallery(grains, force, name);
                JsonBody.LimitBody(http, options.Value.MaxEnrolBodyBytes);
                var result = await new MultipartEnrolment(http, options.Value).RunAsync(gallery, model ?? P.GalleryConfig.UnspecifiedModel, rows);
                return Reply.Json(Wire.ToWire(result), Reply.Types.EnrolResult);
            })
            .WithName("Enrol")
            .WithSummary("Enrols templates durably: multipart/form-data with a 'subjects' part (one subjectRef per line) then a " +
                         "'templates' part (.npy float32 [n,512]), streamed in acknowledged batches. Enroller.")
            .Accepts<EnrolForm>("multipart/form-data").Produces<P.EnrolResult>()
            .ProducesGridProblem(400).ProducesGridProblem(409).ProducesGridProblem(413).ProducesGridProblem(415);

        galleries.MapDelete("/{force}/{name}/subjects", async (string force, string name, [FromQuery(Name = "ref")] string subjectRef, IGrainFactory grains) =>
                Reply.Json(new P.RemoveResult(await Gallery(grains, force, name).RemoveAsync(subjectRef)), Reply.Types.RemoveResult))
            .WithName("RemoveSubject").WithSummary("Removes every template of the subject ?ref=SUBJECTREF, durably. Enroller.").Produces<P.RemoveResult>();

        galleries.MapPost("/{force}/{name}/snapshot", async (string force, string name, IGrainFactory grains) =>
            {
                await Gallery(grains, force, name).SnapshotAsync();
                return TypedResults.NoContent();
            })
            .WithName("Snapshot").WithSummary("Every shard writes a snapshot now. Force admin or operator.");

        galleries.MapPost("/{force}/{name}/rebalance", async (string force, string name, IGrainFactory grains) =>
                Reply.Json(new P.RebalanceResult(await Gallery(grains, force, name).RebalanceAsync()), Reply.Types.RebalanceResult))
            .WithName("Rebalance").WithSummary("Moves shards to the silos placement now prefers. Force admin or operator.")
            .Produces<P.RebalanceResult>();

        MapReindex(galleries);
    }

    private static void MapReindex(RouteGroupBuilder galleries) =>
        galleries.MapPost("/{force}/{name}/reindex", async (string force, string name, HttpContext http, IGrainFactory grains) =>
            {
                var request = await JsonBody.ReadAsync(http, Reply.Types.ReindexRequest);
                if (string.IsNullOrWhiteSpace(request.Engine))
                    throw GridProblemException.BadRequest(ProblemCodes.UnknownEngine, "engine is required, e.g. {\"engine\":\"exact-int8\"}.");
                return Reply.Json(Wire.ToWire(await Gallery(grains, force, name).ReindexAsync(request.Engine)), Reply.Types.ReindexResult);
            })
            .WithName("ReindexGallery")
            .WithSummary("Moves the gallery to another engine: each shard builds the new index from its rows while the old one keeps " +
                         "serving, then swaps. Returns once the builds started; GET …/status shows progress per shard. Force admin or operator.")
            .Accepts<P.ReindexRequest>("application/json").Produces<P.ReindexResult>()
            .ProducesGridProblem(400).ProducesGridProblem(403).ProducesGridProblem(404).ProducesGridProblem(409);

    private static IGalleryGrain Gallery(IGrainFactory grains, string force, string name) =>
        grains.GetGrain<IGalleryGrain>(Wire.Gallery(force, name).Key);
}
