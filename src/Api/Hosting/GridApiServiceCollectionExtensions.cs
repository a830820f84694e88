using System.Text.Json.Serialization;
using Grid.Api.Authentication;
using Grid.Api.Limits;
using Grid.Protocol.Wire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grid.Api.Hosting;

public static class GridApiServiceCollectionExtensions
{
    /// <summary>The front door's services: API-key authentication, per-key/per-force rate limits, the bad-key monitor,
    /// readiness, source-generated JSON and the OpenAPI document. Limits bind from <c>Grid:Api</c>.</summary>
    public static IServiceCollection AddGridApi(this IServiceCollection services)
    {
        services.AddOptions<GridApiOptions>().BindConfiguration(GridApiOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BadKeyMonitor>();
        services.AddSingleton<ReadinessProbe>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<GridApiOptions>>((limiter, api) => CallerRateLimits.Configure(limiter, api.Value));
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, GridJsonContext.Default);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<GridOpenApiDocument>());
        return services;
    }
}
