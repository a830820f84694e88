using Grid.Contracts.Hosting;

namespace Grid.Silo;

/// <summary>A silo's command line (everything binds to loopback unless <c>--advertise-ip</c>):
/// <c>--silo-port N --api-port N --tls-cert PEM --tls-key PEM --tls-ca PEM [--force F] [--storage CONN] [--cluster-id ID]
/// [--dashboard-port N] [--liveness fast|default] [--allow-fallback true|false] [--advertise-ip IP] [--operator-key-file PATH]</c>.
/// A silo opens no Orleans client gateway at all: member forces and tools come in through the HTTPS API
/// (<c>--api-port</c>, 0 = none). The dashboard is off unless <c>--dashboard-port</c> names a loopback port. The cluster
/// secret comes from configuration (<c>Grid__Security__ClusterSecret</c>), never the command line.</summary>
public sealed record SiloOptions(int SiloPort, int ApiPort, string? Force, string Storage, string ClusterId)
{
    public const string Usage =
        "Usage: Grid.Silo --silo-port N --api-port N --tls-cert PEM --tls-key PEM --tls-ca PEM [--force F] [--storage CONN] [--cluster-id ID] " +
        "[--dashboard-port N (default 0 = off)] [--liveness fast|default] [--allow-fallback true|false] [--advertise-ip IP] [--operator-key-file PATH]";

    /// <summary>The HTTPS API's port when none is given (the product's default).</summary>
    public const int DefaultApiPort = 8443;

    /// <summary>Orleans Dashboard on http://127.0.0.1:{DashboardPort}/ (unauthenticated, so loopback only); 0 = off, the default.</summary>
    public int DashboardPort { get; init; }

    /// <summary>This silo's certificate (PEM), its private key (PEM, 0600) and the grid's CA (PEM).</summary>
    public string TlsCertificate { get; init; } = "";

    public string TlsKey { get; init; } = "";

    public string TlsAuthority { get; init; } = "";

    /// <summary>"fast": membership probes tuned for a local cluster, so a killed silo is declared dead in a few
    /// seconds (see <see cref="GridSiloHostBuilderExtensions"/>); "default": Orleans' production defaults.</summary>
    public string Liveness { get; init; } = "default";

    /// <summary>For a real cluster (a pod): listen on every interface and advertise this address to the other
    /// silos and clients. Without it everything binds to loopback.</summary>
    public string? AdvertiseIp { get; init; }

    /// <summary>Where the grid's first start writes the operator's key (mode 0600); no file, no bootstrap here.</summary>
    public string? OperatorKeyFile { get; init; }

    /// <summary>Overrides <c>Grid:Placement:AllowFallback</c> when given.</summary>
    public bool? AllowFallback { get; init; }

    public static SiloOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Unexpected argument '{args[i]}'. {Usage}");
            values[args[i][2..]] = args[++i];
        }
        if (values.ContainsKey("gateway-port"))
            throw new ArgumentException("Silos open no Orleans client gateway: member forces and tools use the HTTPS API (--api-port).");
        var known = new[] { "silo-port", "api-port", "tls-cert", "tls-key", "tls-ca", "force", "storage", "cluster-id", "dashboard-port", "liveness", "allow-fallback", "advertise-ip", "operator-key-file" };
        foreach (var key in values.Keys)
            if (!known.Contains(key)) throw new ArgumentException($"Unknown option --{key}. {Usage}");
        var siloPort = int.Parse(values.GetValueOrDefault("silo-port", "11111"));
        var liveness = values.GetValueOrDefault("liveness", "default");
        if (liveness is not ("fast" or "default")) throw new ArgumentException($"--liveness is fast or default, not {liveness}.");
        var force = values.GetValueOrDefault("force");
        if (force is { Length: 0 }) force = null;
        return new SiloOptions(
            siloPort,
            int.Parse(values.GetValueOrDefault("api-port", DefaultApiPort.ToString())),
            force,
            values.GetValueOrDefault("storage", GridCluster.StorageConnectionString),
            values.GetValueOrDefault("cluster-id", GridCluster.ClusterId))
        {
            DashboardPort = int.Parse(values.GetValueOrDefault("dashboard-port", "0")),
            TlsCertificate = values.GetValueOrDefault("tls-cert") ?? throw new ArgumentException($"--tls-cert is required. {Usage}"),
            TlsKey = values.GetValueOrDefault("tls-key") ?? throw new ArgumentException($"--tls-key is required. {Usage}"),
            TlsAuthority = values.GetValueOrDefault("tls-ca") ?? throw new ArgumentException($"--tls-ca is required. {Usage}"),
            Liveness = liveness,
            AdvertiseIp = values.GetValueOrDefault("advertise-ip"),
            AllowFallback = values.TryGetValue("allow-fallback", out var fallback) ? bool.Parse(fallback) : null,
            OperatorKeyFile = values.GetValueOrDefault("operator-key-file"),
        };
    }
}
