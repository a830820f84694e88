using Grid.Api.Authentication;
using Grid.Api.Mapping;
using Grid.Contracts.Galleries;
using Grid.Contracts.Sharing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;
using P = Grid.Protocol.Galleries;
using PS = Grid.Protocol.Sharing;

namespace Grid.Api.Endpoints;

/// <summary>The grid's status (silos for the operator; galleries as the caller may see them) and the offence catalogue.
/// Silos come from this silo's own membership view, not from the management grain, which no caller ever reaches.</summary>
public static class OperatorEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/status", async (HttpContext http, IGrainFactory grains, IClusterMembershipService membership) =>
            {
                var silos = GridCaller.Of(http).Principal.IsOperator
                    ? membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active)
                        .Select(m => new P.SiloInfo(m.SiloAddress.ToString(), m.Status.ToString())).OrderBy(s => s.Address, StringComparer.Ordinal).ToArray()
                    : [];
                var galleries = await grains.GetGrain<IGalleryCatalogGrain>(0).ListAsync();
                var statuses = await Task.WhenAll(galleries.Select(g => grains.GetGrain<IGalleryGrain>(g.Key).GetStatusAsync()));
                return Reply.Json(new P.GridStatus(silos, statuses.Select(Wire.ToWire).ToArray()), Reply.Types.GridStatus);
            })
            .WithTags("Operations").WithName("GetStatus")
            .WithSummary("Silos (operator only) and every gallery the caller may see, with shards, counts and memory.").Produces<P.GridStatus>();

        api.MapGet("/offences", () => Reply.Json(OffenceCatalogue.All.Select(Wire.ToWire).ToArray(), Reply.Types.OffenceCategoryArray))
            .WithTags("Search").WithName("ListOffences")
            .WithSummary("The offence categories a purpose may name, and which may justify a partner's search.").Produces<PS.OffenceCategory[]>();
    }
}
