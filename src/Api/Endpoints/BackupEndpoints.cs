using System.Collections.Immutable;
using Grid.Api.Authentication;
using Grid.Api.Problems;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Grains.Backup;
using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;
using PO = Grid.Protocol.Operations;

namespace Grid.Api.Endpoints;

/// <summary>
/// Operator only. <c>GET /v1/operator/backups/{force}</c> streams one force's backup (a tar archive ending in its
/// signed manifest, see Grains/Backup); <c>POST /v1/operator/restores[?overwrite=true]</c> takes such an archive, checks
/// it whole, writes it back to storage, then registers the force and its galleries again. A backup cut off mid-stream
/// lacks its manifest, so it can never be restored by mistake.
/// </summary>
public static class BackupEndpoints
{
    public const string TarMediaType = "application/x-tar";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/operator/backups/{force}", async (HttpContext http, string force, ForceBackupWriter writer, IGrainFactory grains) =>
            {
                RequireOperator(http);
                var id = ForceId.Parse(force);
                var members = await grains.GetGrain<IOperatorGrain>(IOperatorGrain.Key).ListMemberIdsAsync();
                if (!members.Contains(id))
                    throw new GridProblemException(ProblemCodes.NotFound, StatusCodes.Status404NotFound, $"{id} is not a member force of this grid.");
                http.Response.ContentType = TarMediaType;
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{id.Value}.grid-backup.tar\"";
                await writer.WriteAsync(id, http.Response.Body, http.RequestAborted);
                return Results.Empty;
            })
            .WithTags("Operations").WithName("BackupForce")
            .WithSummary("Streams a consistent backup of one force (galleries, audit, agreements, users and keys, sealed). Operator.")
            .Produces(200, contentType: TarMediaType);

        api.MapPost("/operator/restores", async (HttpContext http, bool? overwrite, ForceRestorer restorer, ErasureList erasures, IGrainFactory grains) =>
            {
                RequireOperator(http);
                // An archive holds whole galleries: the body limit is lifted for the operator here alone.
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
                // Grains holding the force's old state in memory would serve it (and snapshot it over the restored
                // blobs): every idle activation is deactivated before the old blobs go.
                var manifest = await restorer.RestoreAsync(http.Request.Body, overwrite == true,
                    () => grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero), http.RequestAborted);
                var force = ForceId.Parse(manifest.Force);
                var replay = (await erasures.ReadAsync(force)).Where(e => e.Utc >= manifest.StartedUtc).ToImmutableArray();
                var erased = await grains.GetGrain<IOperatorGrain>(IOperatorGrain.Key).AdoptRestoredForceAsync(
                    force, [.. manifest.Galleries.Select(g => GalleryId.Parse(g))], replay);
                return Reply.Json(new PO.BackupSummary(manifest.Force, manifest.Galleries, manifest.Entries.Length, manifest.Bytes, manifest.CreatedUtc, erased),
                    Reply.Types.BackupSummary);
            })
            .WithTags("Operations").WithName("RestoreForce")
            .WithSummary("Restores a force from a backup archive; refused (force-exists) when the grid holds the force, unless overwrite=true. Operator.")
            .Accepts<Stream>(TarMediaType).Produces<PO.BackupSummary>();
    }

    private static void RequireOperator(HttpContext http)
    {
        if (!GridCaller.Of(http).Principal.IsOperator)
            throw new GridProblemException(ProblemCodes.AccessDenied, StatusCodes.Status403Forbidden, "Only the grid's operator may back up or restore a force.");
    }
}
