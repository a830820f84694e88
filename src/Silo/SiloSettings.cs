using System.Text;
using Grid.Contracts.Hosting;
using Grid.Protocol.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grid.Silo;

/// <summary>
/// Every silo setting in one table: the command line's switches, <c>--help</c>, the environment names and
/// docs/OPERATIONS.md (checked by a test) all come from <see cref="All"/>.
/// </summary>
public static class SiloSettings
{
    public static IReadOnlyList<SiloSetting> All { get; } =
    [
        new("--silo-port", nameof(SiloOptions.SiloPort), "N", "silo-to-silo port (Orleans over mutual TLS)"),
        new("--api-port", nameof(SiloOptions.ApiPort), "N", "HTTPS API port; 0 = no API"),
        new("--tls-cert", nameof(SiloOptions.TlsCertificate), "PEM", "this silo's certificate, issued by the grid's CA"),
        new("--tls-key", nameof(SiloOptions.TlsKey), "PEM", "its private key (mode 0600)"),
        new("--tls-ca", nameof(SiloOptions.TlsAuthority), "PEM", "the grid's CA: the only authority trusted for other silos"),
        new("--force", nameof(SiloOptions.Force), "F", "pin force F's shards to this silo; none = shared pool"),
        new("--storage", nameof(SiloOptions.Storage), "CONN", "Azure Storage connection string (Table clustering, Blob storage)")
        {
            Variable = GridCluster.StorageVariable, DefaultText = $"the local Azurite ({LocalGridDefaults.DevelopmentAccount} on 127.0.0.1:{LocalGridDefaults.BlobPort}/{LocalGridDefaults.TablePort})",
        },
        new("--cluster-id", nameof(SiloOptions.ClusterId), "ID", "Orleans cluster id shared by the grid's silos") { Variable = GridCluster.ClusterIdVariable },
        new("--dashboard-port", nameof(SiloOptions.DashboardPort), "N", "Orleans Dashboard on loopback (no sign-in of its own); 0 = off"),
        new("--liveness", nameof(SiloOptions.Liveness), "fast|default", "fast: a dead silo is declared dead in seconds (one machine only)"),
        new("--allow-fallback", nameof(SiloOptions.AllowFallback), "true|false", "overrides Grid:Placement:AllowFallback"),
        new("--advertise-ip", nameof(SiloOptions.AdvertiseIp), "IP", "listen on every interface and advertise IP (a real cluster); none = loopback"),
        new("--operator-key-file", nameof(SiloOptions.OperatorKeyFile), "PATH", "where the grid's first start writes the operator key (0600)"),
    ];

    /// <summary>Switch → configuration key, for <c>AddCommandLine</c>.</summary>
    public static IDictionary<string, string> SwitchMappings() => All.ToDictionary(s => s.Switch, s => s.ConfigurationKey, StringComparer.Ordinal);

    /// <summary>Null when <paramref name="args"/> are <c>--switch value</c> pairs of known switches, else what is wrong.</summary>
    public static string? CheckArguments(string[] args)
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--gateway-port")
                return "Silos open no Orleans client gateway: member forces and tools use the HTTPS API (--api-port).";
            if (!All.Any(s => s.Switch == args[i])) return $"Unknown option {args[i]}. Grid.Silo --help lists every setting.";
            if (i + 1 >= args.Length) return $"{args[i]} needs a value. Grid.Silo --help lists every setting.";
        }
        return null;
    }

    /// <summary>The GRID_ variables as configuration keys (they sit above Grid__Silo__ ones, below the command line).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> FromGridVariables() =>
        All.Where(s => s.Variable is not null && Environment.GetEnvironmentVariable(s.Variable) is { Length: > 0 })
            .Select(s => KeyValuePair.Create(s.ConfigurationKey, Environment.GetEnvironmentVariable(s.Variable!)));

    /// <summary>Binds <see cref="SiloOptions"/> from <c>Grid:Silo</c> with <see cref="SiloOptionsValidator"/>, checked when the host starts.</summary>
    public static IServiceCollection AddSiloOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section))
            .PostConfigure(o => o.Force = o.Force is { Length: 0 } ? null : o.Force) // --force "" = the shared pool
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        return services;
    }

    /// <summary>
    /// The validated options, before the host is composed (the composition needs the ports, storage and certificates):
    /// the same binding and validator as <see cref="AddSiloOptions"/>; throws <see cref="OptionsValidationException"/>
    /// or <see cref="InvalidOperationException"/> (a value of the wrong type) naming the setting.
    /// </summary>
    public static SiloOptions Load(IConfiguration configuration)
    {
        using var provider = new ServiceCollection().AddSiloOptions(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SiloOptions>>().Value;
    }

    /// <summary>The settings as the markdown table docs/OPERATIONS.md holds (a test checks the file against it).</summary>
    public static string MarkdownTable()
    {
        var text = new StringBuilder("| switch | key (`Grid__Silo__KEY`) | GRID_ variable | default | meaning |\n|---|---|---|---|---|\n");
        foreach (var s in All)
            text.AppendLine($"| `{s.Switch} {s.Value}` | `{s.Key}` | {(s.Variable is null ? "" : $"`{s.Variable}`")} | {s.Default} | {s.Description} |");
        return text.ToString();
    }

    /// <summary>Every <see cref="SiloOptions"/> property has exactly one row, so --help and the docs cannot miss one.</summary>
    public static void CheckComplete()
    {
        var properties = typeof(SiloOptions).GetProperties().Select(p => p.Name).Order().ToArray();
        var listed = All.Select(s => s.Key).Order().ToArray();
        if (!properties.SequenceEqual(listed))
            throw new InvalidOperationException($"SiloSettings.All lists {string.Join(", ", listed)} but SiloOptions has {string.Join(", ", properties)}.");
    }

    public static string Help()
    {
        CheckComplete();
        var text = new StringBuilder("Usage: Grid.Silo [--switch value]...\n")
            .AppendLine("Every setting also comes from appsettings.json beside the binary (section Grid:Silo) and the environment")
            .AppendLine("(Grid__Silo__KEY, and the GRID_ variable where one is listed); the command line wins, then GRID_, then Grid__, then the file.")
            .AppendLine("Secrets (Grid__Security__ClusterSecret, Grid__Security__Forces__F__Secret) come only from the environment or the file.")
            .AppendLine();
        foreach (var s in All)
        {
            text.AppendLine($"  {s.Switch} {s.Value}".PadRight(34) + s.Description)
                .AppendLine("".PadRight(34) + $"key Grid:Silo:{s.Key}{(s.Variable is null ? "" : $", {s.Variable}")}; default {s.Default}");
        }
        return text.ToString();
    }
}
