using Grid.Contracts.Hosting;

namespace Grid.Silo;

/// <summary>A silo's command line (everything binds to loopback):
/// <c>--silo-port N --gateway-port N [--force F] [--storage CONN] [--cluster-id ID] [--dashboard-port N]
/// [--liveness fast|default] [--allow-fallback true|false] [--advertise-ip IP] [--operator-key-file PATH]</c>.
/// <c>--gateway-port 0</c> runs a silo that takes no client connections; <c>--dashboard-port 0</c> turns the
/// dashboard off (default 8080 + (silo-port − 11111), i.e. 8080 + the grid.sh index). The cluster secret comes from
/// configuration (<c>Grid__Security__ClusterSecret</c>), never the command line, so it does not show in process lists.</summary>
public sealed record SiloOptions(int SiloPort, int GatewayPort, string? Force, string Storage, string ClusterId)
{
    public const string Usage =
        "Usage: Grid.Silo --silo-port N --gateway-port N [--force F] [--storage CONN] [--cluster-id ID] " +
        "[--dashboard-port N (0 = off)] [--liveness fast|default] [--allow-fallback true|false] [--advertise-ip IP] [--operator-key-file PATH]";

    /// <summary>Orleans Dashboard on http://127.0.0.1:{DashboardPort}/; 0 = no dashboard.</summary>
    public int DashboardPort { get; init; }

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
        var known = new[] { "silo-port", "gateway-port", "force", "storage", "cluster-id", "dashboard-port", "liveness", "allow-fallback", "advertise-ip", "operator-key-file" };
        foreach (var key in values.Keys)
            if (!known.Contains(key)) throw new ArgumentException($"Unknown option --{key}. {Usage}");
        var siloPort = int.Parse(values.GetValueOrDefault("silo-port", "11111"));
        var liveness = values.GetValueOrDefault("liveness", "default");
        if (liveness is not ("fast" or "default")) throw new ArgumentException($"--liveness is fast or default, not {liveness}.");
        var force = values.GetValueOrDefault("force");
        if (force is { Length: 0 }) force = null;
        return new SiloOptions(
            siloPort,
            int.Parse(values.GetValueOrDefault("gateway-port", "30000")),
            force,
            values.GetValueOrDefault("storage", GridCluster.StorageConnectionString),
            values.GetValueOrDefault("cluster-id", GridCluster.ClusterId))
        {
            DashboardPort = int.Parse(values.GetValueOrDefault("dashboard-port", (8080 + Math.Max(0, siloPort - 11111)).ToString())),
            Liveness = liveness,
            AdvertiseIp = values.GetValueOrDefault("advertise-ip"),
            AllowFallback = values.TryGetValue("allow-fallback", out var fallback) ? bool.Parse(fallback) : null,
            OperatorKeyFile = values.GetValueOrDefault("operator-key-file"),
        };
    }
}
