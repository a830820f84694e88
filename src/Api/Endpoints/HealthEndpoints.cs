using Grid.Api.Hosting;
using Grid.Protocol.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Grid.Api.Endpoints;

/// <summary><c>/healthz</c> (the process serves) and <c>/readyz</c> (storage, cluster, catalogues): no key needed, no data
/// in the answer beyond the checks' names and results.</summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("alive\n"))
            .WithTags("Health").WithName("Alive").WithSummary("The silo's web host answers.").Produces<string>(200, "text/plain");
        app.MapGet("/readyz", async (ReadinessProbe probe) =>
            {
                var readiness = await probe.CheckAsync();
                return TypedResults.Json(readiness, GridJsonContext.Default.Readiness,
                    statusCode: readiness.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .WithTags("Health").WithName("Ready").WithSummary("Storage reachable, cluster joined, catalogues loaded.")
            .Produces<Readiness>().Produces<Readiness>(503);
    }
}
