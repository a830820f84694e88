using Grid.Protocol.Local;

namespace Grid.Silo;

/// <summary>
/// A silo's own settings, section <c>Grid:Silo</c>: bound from appsettings.json beside the binary, the environment
/// (<c>Grid__Silo__SiloPort=…</c>; <c>GRID_STORAGE</c> and <c>GRID_CLUSTER_ID</c>) and the command line
/// (<c>--silo-port N</c> …, listed with their defaults by <c>Grid.Silo --help</c> from <see cref="SiloSettings"/>), and
/// checked at start by <see cref="SiloOptionsValidator"/>. Everything binds to loopback unless <see cref="AdvertiseIp"/>.
/// A silo opens no Orleans client gateway: member forces and tools come in through the HTTPS API. The cluster secret
/// comes from configuration (<c>Grid__Security__ClusterSecret</c>), never the command line.
/// </summary>
public sealed class SiloOptions
{
    public const string Section = "Grid:Silo";

    /// <summary>Silo-to-silo (Orleans, mutual TLS).</summary>
    public int SiloPort { get; set; } = LocalGridDefaults.SiloPortBase;

    /// <summary>The HTTPS API; 0 = none.</summary>
    public int ApiPort { get; set; } = LocalGridDefaults.ApiPortBase;

    /// <summary>Pins this force's shards to this silo (the force's own silo); none = the shared pool.</summary>
    public string? Force { get; set; }

    /// <summary>Azure Storage connection (Table clustering, Blob storage); default the local Azurite's development account.</summary>
    public string Storage { get; set; } = LocalGridDefaults.AzuriteConnectionString(LocalGridDefaults.BlobPort, LocalGridDefaults.TablePort);

    public string ClusterId { get; set; } = LocalGridDefaults.ClusterId;

    /// <summary>Orleans Dashboard on http://127.0.0.1:{DashboardPort}/ (unauthenticated, so loopback only); 0 = off.</summary>
    public int DashboardPort { get; set; }

    /// <summary>This silo's certificate (PEM), its private key (PEM, 0600) and the grid's CA (PEM).</summary>
    public string TlsCertificate { get; set; } = "";

    public string TlsKey { get; set; } = "";

    public string TlsAuthority { get; set; } = "";

    /// <summary>"fast": membership probes tuned for a local cluster, so a killed silo is declared dead in a few
    /// seconds (see <see cref="GridSiloHostBuilderExtensions"/>); "default": Orleans' production defaults.</summary>
    public string Liveness { get; set; } = "default";

    /// <summary>For a real cluster (a pod): listen on every interface and advertise this address to the other
    /// silos. Without it everything binds to loopback.</summary>
    public string? AdvertiseIp { get; set; }

    /// <summary>Where the grid's first start writes the operator's key (mode 0600); no file, no bootstrap here.</summary>
    public string? OperatorKeyFile { get; set; }

    /// <summary>Overrides <c>Grid:Placement:AllowFallback</c> when given.</summary>
    public bool? AllowFallback { get; set; }
}
