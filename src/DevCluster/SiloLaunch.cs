using Grid.Protocol.Local;

namespace Grid.DevCluster;

/// <summary>Everything one local Grid.Silo process is started with: ports, certificates, storage, secrets, extra environment.</summary>
public sealed record SiloLaunch(int Index, int SiloPort, int ApiPort, LocalCertificates Certificates, string Storage, string ClusterSecret)
{
    /// <summary>Pins this force's shards to the silo (and gives it the force's own ticket secret).</summary>
    public string? Force { get; init; }

    public string? ForceSecret { get; init; }

    public string? ClusterId { get; init; }

    /// <summary>0 = no dashboard (the default; it has no sign-in of its own).</summary>
    public int DashboardPort { get; init; }

    public string? OperatorKeyFile { get; init; }

    /// <summary>"fast": a killed silo is declared dead in seconds (one machine only).</summary>
    public string Liveness { get; init; } = "fast";

    public string LogFile { get; init; } = "";

    /// <summary>Extra environment (e.g. <c>Grid__Api__…</c> limits, <c>DOTNET_gcServer=0</c> for several silos on a small machine).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public Uri ApiEndpoint => new($"https://localhost:{ApiPort}/");

    public IReadOnlyList<string> Arguments()
    {
        var args = new List<string>
        {
            "--silo-port", $"{SiloPort}", "--api-port", $"{ApiPort}",
            "--tls-cert", Certificates.CertificateFile, "--tls-key", Certificates.KeyFile, "--tls-ca", Certificates.AuthorityFile,
            "--dashboard-port", $"{DashboardPort}", "--liveness", Liveness,
        };
        if (ClusterId is not null) args.AddRange(["--cluster-id", ClusterId]);
        if (OperatorKeyFile is not null) args.AddRange(["--operator-key-file", OperatorKeyFile]);
        if (Force is not null) args.AddRange(["--force", Force]);
        return args;
    }

    /// <summary>Secrets travel in the environment, never on the command line (where ps shows them): the storage
    /// connection string too, which is a real account's key outside a local Azurite.</summary>
    public IReadOnlyDictionary<string, string> FullEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OMP_WAIT_POLICY"] = "PASSIVE", // OpenMP threads must not spin against OpenBLAS' (DESIGN.md, FAISS)
            [ClusterSecrets.ClusterSecretVariable] = ClusterSecret,
            [LocalGridDefaults.StorageVariable] = Storage,
        };
        if (Force is not null && ForceSecret is not null) env[ClusterSecrets.ForceSecretVariable(Force)] = ForceSecret;
        foreach (var (name, value) in Environment) env[name] = value;
        return env;
    }
}
