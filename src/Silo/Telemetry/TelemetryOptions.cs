namespace Grid.Silo.Telemetry;

/// <summary>The silo's telemetry settings, bound from <c>Grid:Telemetry</c> (environment <c>Grid__Telemetry__JsonLogs=true</c>...).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Grid:Telemetry";

    /// <summary>One JSON object per log line (console formatter "json", scopes included, so a search's lines carry
    /// its <c>SearchId</c> and every line its <c>TraceId</c>). Off by default; <c>grid.sh</c> turns it on.</summary>
    public bool JsonLogs { get; set; }

    /// <summary>Where OTLP export goes, over gRPC (e.g. <c>http://collector:4317</c>). Empty: only when the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (then the SDK reads it and its companions, e.g. the protocol);
    /// with neither, nothing is exported over OTLP.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Record spans (the API request, Orleans' grain calls, <c>grid.search.fanout</c>, <c>grid.shard.scan</c>).
    /// Unset: only when they are exported over OTLP (<see cref="OtlpEndpoint"/> or the standard variable), since spans
    /// nobody receives cost every search CPU for nothing; <c>true</c> records them anyway (for an in-process listener),
    /// <c>false</c> never.</summary>
    public bool? Traces { get; set; }

    /// <summary>Whether spans are recorded, given the OTLP endpoint in force (null: none).</summary>
    public bool TracesOn(string? otlpEndpoint) => Traces ?? otlpEndpoint is not null;

    /// <summary>Whether spans are recorded with the OTLP endpoint this section or the environment names.</summary>
    public bool TracesOn() => TracesOn(EffectiveOtlpEndpoint(Environment.GetEnvironmentVariable));

    /// <summary>The section as configured (defaults where it is absent).</summary>
    public static TelemetryOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<TelemetryOptions>(configuration.GetSection(Section)) ?? new TelemetryOptions();

    /// <summary>Serve the Prometheus scrape endpoint <c>/metrics</c> on the HTTPS API, to the operator's key only.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>The path of the scrape endpoint.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>The OTLP endpoint in force: this section's, else the standard environment variable's.</summary>
    public string? EffectiveOtlpEndpoint(Func<string, string?> environment) =>
        !string.IsNullOrWhiteSpace(OtlpEndpoint) ? OtlpEndpoint
        : environment("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
}
