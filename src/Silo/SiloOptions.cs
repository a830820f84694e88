using Grid.Contracts.Hosting;

namespace Grid.Silo;

/// <summary>A silo's command line: <c>--silo-port N --gateway-port N [--force F] [--storage CONN] [--cluster-id ID]
/// [--operator-key-file PATH]</c>. Everything binds to loopback. The cluster secret comes from configuration
/// (<c>Grid__Security__ClusterSecret</c>), never from the command line, so it does not show in process lists.</summary>
public sealed record SiloOptions(int SiloPort, int GatewayPort, string? Force, string Storage, string ClusterId, string? OperatorKeyFile)
{
    public static SiloOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Unexpected argument '{args[i]}'. Usage: Grid.Silo --silo-port N --gateway-port N [--force F] [--storage CONN] [--cluster-id ID] [--operator-key-file PATH]");
            values[args[i][2..]] = args[++i];
        }
        return new SiloOptions(
            int.Parse(values.GetValueOrDefault("silo-port", "11111")),
            int.Parse(values.GetValueOrDefault("gateway-port", "30000")),
            values.GetValueOrDefault("force"),
            values.GetValueOrDefault("storage", GridCluster.StorageConnectionString),
            values.GetValueOrDefault("cluster-id", GridCluster.ClusterId),
            values.GetValueOrDefault("operator-key-file"));
    }
}
