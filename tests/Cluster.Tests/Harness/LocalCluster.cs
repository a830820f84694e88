using Grid.DevCluster;
using Grid.Protocol.Local;

namespace Grid.Cluster.Tests.Harness;

/// <summary>
/// A real local grid for tests and benchmarks: an Azurite process on free loopback ports with its own temp data
/// folder, and Grid.Silo processes (src/Silo/bin/Release/net10.0/Grid.Silo) that can be started, stopped
/// (SIGTERM), killed (SIGKILL) and started again on the same ports. Each silo serves the HTTPS API on its own port
/// with a certificate from this cluster's own CA (<see cref="Certificates"/>); silos talk to each other over mutual TLS
/// and open no Orleans gateway. Logs go to files in <see cref="Folder"/>. A thin façade over Grid.DevCluster, the
/// code <c>./grid.sh up</c> runs too.
/// </summary>
public sealed partial class LocalCluster : IAsyncDisposable
{
    private readonly Dictionary<int, SiloProcess> _silos = [];
    private AzuriteProcess? _azurite;

    public LocalCluster()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"grid-cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        ClusterId = $"test-{Guid.NewGuid():N}"[..16];
        AzuritePorts = AzuritePorts.Free();
        Storage = AzuriteConnectionString(BlobPort, TablePort);
        Certificates = TestCertificates.Create(Path.Combine(Folder, "keys"));
    }

    /// <summary>This cluster's CA and the certificate its silos present (API and silo-to-silo).</summary>
    public LocalCertificates Certificates { get; }

    /// <summary>The HTTPS API of silo <paramref name="index"/>.</summary>
    public Uri ApiEndpoint(int index = 0) => new($"https://localhost:{_silos[index].ApiPort}/");

    /// <summary>Extra environment for every silo started from now on (e.g. <c>Grid__Api__…</c> limits).</summary>
    public Dictionary<string, string> SiloEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Storage accounts Azurite serves besides the development account (name → base64 key), as grid.sh's
    /// per-force accounts: set before <see cref="StartAzuriteAsync"/>.</summary>
    public Dictionary<string, string> ExtraAccounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra environment for the silos of one force only (force → variables), e.g. its own storage account.</summary>
    public Dictionary<string, Dictionary<string, string>> ForceEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Connection string of an extra account on this cluster's Azurite.</summary>
    public string AccountConnectionString(string name) =>
        $"DefaultEndpointsProtocol=http;AccountName={name};AccountKey={ExtraAccounts[name]};BlobEndpoint=http://127.0.0.1:{BlobPort}/{name};";

    /// <summary>Shared by this cluster's silos, as grid.sh's <c>.data/keys/cluster.secret</c> is.</summary>
    private readonly string _clusterSecret = ClusterSecrets.NewSecret();

    /// <summary>The cluster secret its silos get (a second grid that must accept this one's backups is given the same).</summary>
    public string ClusterSecret => _clusterSecret;

    /// <summary>Where the first silo writes the operator key at the grid's first start.</summary>
    public string OperatorKeyFile => Path.Combine(Folder, "operator.key");

    public string Folder { get; }
    public string ClusterId { get; }
    public string Storage { get; private set; }
    public AzuritePorts AzuritePorts { get; }
    public int BlobPort => AzuritePorts.Blob;
    public int TablePort => AzuritePorts.Table;
    public int QueuePort => AzuritePorts.Queue;

    /// <summary>The running Azurite (null before <see cref="StartAzuriteAsync"/>).</summary>
    public AzuriteProcess? Azurite => _azurite;

    public static string RepoRoot { get; } = RepositoryRoot.Find();

    public static string SiloBinary => SiloLauncher.Binary(RepoRoot);

    public static string AzuriteBinary => AzuriteProcess.Executable(RepoRoot);

    /// <summary>Null when everything needed is there, else why the cluster cannot run.</summary>
    public static string? MissingPrerequisite() => AzuriteProcess.Missing(RepoRoot) ?? SiloLauncher.Missing(RepoRoot);

    public IReadOnlyDictionary<int, SiloProcess> Silos => _silos;

    public async Task StartAzuriteAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(Path.Combine(Folder, "azurite"), AzuritePorts)
        {
            LogFile = Path.Combine(Folder, "azurite.log"),
            ExtraAccounts = ExtraAccounts.Select(a => new AzuriteAccount(a.Key, a.Value)).ToArray(),
        });
        // A restart still running when a failed test disposed the cluster must not leave an Azurite behind.
        if (_disposed) await _azurite.DisposeAsync();
    }

    private volatile bool _disposed;

    /// <summary>Stops Azurite gracefully (SIGTERM: it flushes its metadata) and starts it again on the same ports and folder.</summary>
    public async Task RestartAzuriteAsync(TimeSpan down)
    {
        if (_azurite is not null)
        {
            await _azurite.StopAsync();
            await _azurite.DisposeAsync();
        }
        await Task.Delay(down);
        await StartAzuriteAsync();
    }

    /// <summary>Starts silo <paramref name="index"/> (again, on its earlier ports, if it ran before) and waits until its
    /// <c>/readyz</c> answers.</summary>
    public async Task<SiloProcess> StartSiloAsync(int index, string? force = null)
    {
        if (_silos.TryGetValue(index, out var known))
        {
            if (known.IsRunning) throw new InvalidOperationException($"Silo {index} is running.");
            force = known.Force;
        }
        // Two distinct ports in one call: two separate picks can return the same just-released port (the silo then refuses
        // "--api-port is also the silo port").
        var fresh = known is null ? FreePorts.Next(2) : null;
        var launch = new SiloLaunch(index, known?.SiloPort ?? fresh![0], known?.ApiPort ?? fresh![1], Certificates, Storage, _clusterSecret)
        {
            Force = force,
            ClusterId = ClusterId,
            OperatorKeyFile = OperatorKeyFile,
            LogFile = Path.Combine(Folder, $"silo-{index}.log"),
            // Several silos on a small machine: workstation GC, unless the test says otherwise; then the force's own.
            Environment = new[] { KeyValuePair.Create("DOTNET_gcServer", "0") }.Concat(SiloEnvironment)
                .Concat(force is not null && ForceEnvironment.TryGetValue(force, out var own) ? own : [])
                .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
        };
        var process = SiloLauncher.Start(launch);
        var silo = new SiloProcess(index, force, launch.SiloPort, launch.ApiPort, process);
        _silos[index] = silo;
        // Generous: on a shared, overloaded machine a silo start has been seen to take over 60 s.
        await SiloLauncher.WaitReadyAsync(launch, () => !process.HasExited, TimeSpan.FromSeconds(180));
        return silo;
    }

    /// <summary>SIGKILL: a crash, no deactivation, no goodbye to the cluster.</summary>
    public void KillSilo(int index)
    {
        var silo = _silos[index];
        silo.Process.Kill(entireProcessTree: true);
        silo.Process.WaitForExit();
    }

    /// <summary>SIGTERM: Orleans shuts the silo down gracefully (grains deactivate, the silo leaves the cluster).</summary>
    public void StopSilo(int index, TimeSpan? timeout = null)
    {
        var silo = _silos[index];
        if (!silo.IsRunning) return;
        ProcessGroup.Signal(silo.Process.Id, ProcessGroup.Sigterm);
        if (!silo.Process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60))) silo.Process.Kill(entireProcessTree: true);
    }

    public string LogTail(int index, int lines = 40) => SiloLauncher.Tail(Path.Combine(Folder, $"silo-{index}.log"), lines);

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var silo in _silos.Values)
            if (silo.IsRunning) silo.Process.Kill(entireProcessTree: true);
        foreach (var silo in _silos.Values) await silo.Process.WaitForExitAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
        if (Environment.GetEnvironmentVariable("GRID_KEEP_CLUSTER") == "1") return; // logs kept for a post-mortem
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Azurite's well-known development account key (public, in Azurite's own source).</summary>
    public const string DevelopmentAccountKey = LocalGridDefaults.DevelopmentAccountKey;

    /// <summary>Azurite's well-known development account, on this cluster's ports.</summary>
    public static string AzuriteConnectionString(int blobPort, int tablePort) => LocalGridDefaults.AzuriteConnectionString(blobPort, tablePort);
}
