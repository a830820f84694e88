using Grid.Api.Endpoints;
using Grid.Api.Problems;
using Grid.Protocol.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Grid.Api.Hosting;

public static class GridApiApplicationBuilderExtensions
{
    /// <summary>The door's pipeline, outermost first: problem details for every failure, HTTPS only, bodies for bare
    /// statuses, authentication, rate limits, authorisation.</summary>
    public static WebApplication UseGridApi(this WebApplication app)
    {
        app.UseMiddleware<ProblemMiddleware>();
        app.Use((context, next) => context.Request.IsHttps || !IsApiPath(context.Request.Path)
            ? next(context)
            : ProblemWriter.WriteAsync(context, ProblemCodes.NotFound, StatusCodes.Status404NotFound, "The API is served over HTTPS only."));
        app.UseStatusCodePages(StatusProblems.WriteAsync);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>/v1 (signed in), /healthz and /readyz (anonymous), /openapi/v1.json (anonymous: it describes, it holds no data).</summary>
    public static WebApplication MapGridApi(this WebApplication app)
    {
        HealthEndpoints.Map(app);
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/v1").RequireAuthorization().AddEndpointFilter(GridCallScope.InvokeAsync)
            .ProducesGridProblem(401, 403, 429, 500, 503);
        GalleryEndpoints.Map(api);
        SearchEndpoints.Map(api);
        IdentityEndpoints.Map(api);
        AgreementEndpoints.Map(api);
        AuditEndpoints.Map(api);
        CaseEndpoints.Map(api);
        FollowUpEndpoints.Map(api);
        SubjectEndpoints.Map(api);
        OperatorEndpoints.Map(api);
        BackupEndpoints.Map(api);
        return app;
    }

    private static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/v1") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/openapi")
        || path.StartsWithSegments("/metrics");
}
