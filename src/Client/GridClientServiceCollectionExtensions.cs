using Grid.Client.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Grid.Client;

/// <summary>Dependency injection: <c>services.AddGridClient(o => o with { Endpoint = ..., ApiKey = ..., CaCertificateFile = ... })</c>.</summary>
public static class GridClientServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IGridClient"/> as a typed HttpClient: pooled keep-alive handler trusting the grid's CA,
    /// retries for idempotent calls only.</summary>
    public static IHttpClientBuilder AddGridClient(this IServiceCollection services, Func<GridClientOptions, GridClientOptions>? configure = null)
    {
        var options = configure?.Invoke(new GridClientOptions()) ?? new GridClientOptions();
        services.AddSingleton(options);
        var builder = services.AddHttpClient<IGridClient, GridClient>((_, http) => GridClient.Configure(http, options))
            .ConfigurePrimaryHttpMessageHandler(() => GridHttp.CreatePrimaryHandler(options.LoadAuthority(), options.LoadClientCertificate()));
        builder.AddResilienceHandler("grid-retries", pipeline => pipeline.AddRetry(GridHttp.RetryOptions(options.MaxRetries)));
        return builder;
    }
}
