using Grid.Api.Authentication;
using Grid.Grains.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Grid.Silo.Telemetry;

/// <summary>
/// OpenTelemetry in the silo. Metrics: the grid's meter <c>Grid</c>, Orleans' <c>Microsoft.Orleans</c>, ASP.NET Core's
/// and Kestrel's. Traces: the API request (ASP.NET Core), Orleans' grain-call spans with activity propagation (so a
/// trace follows a search from silo to silo), and the grid's own <c>grid.search.fanout</c> / <c>grid.shard.scan</c>.
/// Export: OTLP when an endpoint is configured; a Prometheus scrape endpoint on the HTTPS API for the operator only,
/// because metric tags name galleries and shards of every force (docs/SECURITY.md). Logs: JSON lines when asked for,
/// with scopes and trace ids.
/// </summary>
public static class GridTelemetryExtensions
{
    /// <summary>Orleans' activity sources: grain calls (application) and runtime calls.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    public static TelemetryOptions AddGridTelemetry(this WebApplicationBuilder builder, SiloOptions silo)
    {
        var options = TelemetryOptions.From(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (options.JsonLogs)
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });

        var otlp = options.EffectiveOtlpEndpoint(Environment.GetEnvironmentVariable);
        if (otlp is not null && !Uri.TryCreate(otlp, UriKind.Absolute, out _))
            throw new ArgumentException($"{TelemetryOptions.Section}:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) is not an absolute URI: '{otlp}'.");
        // From the standard variables the SDK configures itself (protocol, per-signal paths, headers); only our own
        // setting is applied here, as a gRPC endpoint.
        Action<OpenTelemetry.Exporter.OtlpExporterOptions> endpoint = o =>
        {
            if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)) o.Endpoint = new Uri(options.OtlpEndpoint);
        };
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("grid-silo", serviceInstanceId: $"{Environment.MachineName}:{silo.SiloPort}")
                .AddAttributes([new("grid.force", silo.Force ?? "shared")]))
            .WithMetrics(metrics =>
            {
                // System.Runtime: .NET's own meter (GC, JIT, thread pool); observed only when scraped or exported. The
                // benchmark warms up until dotnet.jit.compiled_methods stops rising.
                metrics.AddMeter(GridMetrics.MeterName, "Microsoft.Orleans", "Grid.Api", "System.Runtime")
                    .AddAspNetCoreInstrumentation();
                if (options.Prometheus) metrics.AddPrometheusExporter();
                if (otlp is not null) metrics.AddOtlpExporter(endpoint);
            });
        // Spans cost every search a dozen activities (the request, both ends of each grain call, fan-out, scans) and
        // their tags; with no exporter they were made and dropped. Without them a grain's log lines lose their TraceId
        // (no trace to join) and keep the search's SearchId scope; the API's keep theirs (ASP.NET Core starts the
        // request's activity for logging whether or not anything listens).
        if (options.TracesOn(otlp))
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(SearchTelemetry.SourceName).AddSource(OrleansSources)
                    // Probes and scrapes would drown the traces that matter.
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsHousekeeping(http.Request.Path, options));
                if (otlp is not null) tracing.AddOtlpExporter(endpoint);
            });
        return options;
    }

    /// <summary>Maps the scrape endpoint: the operator's key only (401 without a key, 403 with any other).</summary>
    public static void MapGridMetrics(this WebApplication app, TelemetryOptions options)
    {
        if (!options.Prometheus) return;
        app.MapPrometheusScrapingEndpoint(options.PrometheusPath)
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireAssertion(context =>
                context.Resource is HttpContext http && GridCaller.Find(http)?.Principal.IsOperator == true));
    }

    private static bool IsHousekeeping(PathString path, TelemetryOptions options) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(options.PrometheusPath);
}
