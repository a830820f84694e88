using Grid.Api.Mapping;
using Grid.Contracts.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using P = Grid.Protocol.Audit;

namespace Grid.Api.Endpoints;

/// <summary>A force's audit log (read, verify, export with hashes) and statistics. Its auditor, or the operator.</summary>
public static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var force = api.MapGroup("/forces/{force}").WithTags("Audit");

        force.MapGet("/audit", async (string force, DateTimeOffset? since, IGrainFactory grains) =>
                Reply.Json(Wire.ToWire(await Audit(grains, force).ExportAsync(), since), Reply.Types.AuditExport))
            .WithName("GetAudit")
            .WithSummary("The force's retained entries (optionally since a time) with their hashes and the anchor before the first: " +
                         "enough to verify the chain outside the grid.")
            .Produces<P.AuditExport>();

        force.MapGet("/audit/verify", async (string force, IGrainFactory grains) =>
                Reply.Json(Wire.ToWire(await Audit(grains, force).VerifyAsync()), Reply.Types.AuditVerification))
            .WithName("VerifyAudit").WithSummary("Recomputes the hash chain in the grid.").Produces<P.AuditVerification>();

        force.MapGet("/audit/verify-with-partners", async (string force, IGrainFactory grains) =>
                Reply.Json(Wire.ToWire(await Audit(grains, force).VerifyWithPartnersAsync()), Reply.Types.AuditPartnerVerification))
            .WithName("VerifyAuditWithPartners")
            .WithSummary("Recomputes the chain and cross-checks the heads partners anchored (catches a consistent rollback).")
            .Produces<P.AuditPartnerVerification>();

        force.MapGet("/stats", async (string force, IGrainFactory grains) =>
                Reply.Json(Wire.ToWire(await Audit(grains, force).GetStatsAsync()), Reply.Types.StatsView))
            .WithName("GetStats").WithSummary("Counts per partner; no personal data.").Produces<P.StatsView>();
    }

    private static IAuditLogGrain Audit(IGrainFactory grains, string force) => grains.GetGrain<IAuditLogGrain>(Wire.Force(force).Value);
}
