using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Grid.Cluster.Tests.Harness;

/// <summary>
/// A real local grid for tests and benchmarks: an Azurite process on free loopback ports with its own temp data
/// folder, and Grid.Silo processes (src/Silo/bin/Release/net10.0/Grid.Silo) that can be started, stopped
/// (SIGTERM), killed (SIGKILL) and started again on the same ports. Each silo serves the HTTPS API on its own port
/// with a certificate from this cluster's own CA (<see cref="Certificates"/>); silos talk to each other over mutual TLS
/// and open no Orleans gateway. Logs go to files in <see cref="Folder"/>.
/// </summary>
public sealed partial class LocalCluster : IAsyncDisposable
{
    private readonly Dictionary<int, SiloProcess> _silos = [];
    private Process? _azurite;

    public LocalCluster()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"grid-cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(Folder, "azurite"));
        ClusterId = $"test-{Guid.NewGuid():N}"[..16];
        BlobPort = FreePort.Next();
        TablePort = FreePort.Next();
        QueuePort = FreePort.Next();
        Storage = AzuriteConnectionString(BlobPort, TablePort);
        Certificates = TestCertificates.Create(Path.Combine(Folder, "keys"));
    }

    /// <summary>This cluster's CA and the certificate its silos present (API and silo-to-silo).</summary>
    public TestCertificates Certificates { get; }

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
    private readonly string _clusterSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The cluster secret its silos get (a second grid that must accept this one's backups is given the same).</summary>
    public string ClusterSecret => _clusterSecret;

    /// <summary>Where the first silo writes the operator key at the grid's first start.</summary>
    public string OperatorKeyFile => Path.Combine(Folder, "operator.key");

    public string Folder { get; }
    public string ClusterId { get; }
    public string Storage { get; }
    public int BlobPort { get; }
    public int TablePort { get; }
    public int QueuePort { get; }

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SiloBinary => Path.Combine(RepoRoot, "src", "Silo", "bin", "Release", "net10.0", "Grid.Silo");

    public static string AzuriteBinary => Path.Combine(RepoRoot, ".tools", "azurite", "node_modules", ".bin", "azurite");

    /// <summary>Null when everything needed is there, else why the cluster cannot run.</summary>
    public static string? MissingPrerequisite() =>
        !File.Exists(AzuriteBinary) ? $"Azurite is not installed at {AzuriteBinary} (./grid.sh setup)"
        : !File.Exists(SiloBinary) ? $"the Release silo is not built at {SiloBinary} (dotnet build Grid.sln -c Release)"
        : null;

    public IReadOnlyDictionary<int, SiloProcess> Silos => _silos;

    public async Task StartAzuriteAsync()
    {
        var info = new ProcessStartInfo(AzuriteBinary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--silent", "--skipApiVersionCheck", "--loose",
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                     "--location", Path.Combine(Folder, "azurite"),
                 })
            info.ArgumentList.Add(arg);
        if (ExtraAccounts.Count > 0)
            info.Environment["AZURITE_ACCOUNTS"] = string.Join(';',
                new[] { $"devstoreaccount1:{DevelopmentAccountKey}" }.Concat(ExtraAccounts.Select(a => $"{a.Key}:{a.Value}")));
        _azurite = StartLogged(info, Path.Combine(Folder, "azurite.log"));
        await FreePort.WaitOpenAsync(BlobPort, TimeSpan.FromSeconds(30), "Azurite");
        await FreePort.WaitOpenAsync(TablePort, TimeSpan.FromSeconds(30), "Azurite");
    }

    /// <summary>Stops Azurite gracefully (SIGTERM: it flushes its metadata) and starts it again on the same ports and folder.</summary>
    public async Task RestartAzuriteAsync(TimeSpan down)
    {
        if (_azurite is { HasExited: false } azurite)
        {
            Signal(azurite.Id, Sigterm);
            if (!azurite.WaitForExit(TimeSpan.FromSeconds(15))) azurite.Kill(entireProcessTree: true);
        }
        await Task.Delay(down);
        await StartAzuriteAsync();
    }

    /// <summary>Starts silo <paramref name="index"/> (again, on its earlier ports, if it ran before).</summary>
    public async Task<SiloProcess> StartSiloAsync(int index, string? force = null)
    {
        if (_silos.TryGetValue(index, out var known))
        {
            if (known.IsRunning) throw new InvalidOperationException($"Silo {index} is running.");
            force = known.Force;
        }
        var siloPort = known?.SiloPort ?? FreePort.Next();
        var apiPort = known?.ApiPort ?? FreePort.Next();
        var info = new ProcessStartInfo(SiloBinary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var args = new List<string>
        {
            "--silo-port", siloPort.ToString(), "--api-port", apiPort.ToString(),
            "--tls-cert", Certificates.CertificateFile, "--tls-key", Certificates.KeyFile, "--tls-ca", Certificates.AuthorityFile,
            "--storage", Storage, "--cluster-id", ClusterId, "--dashboard-port", "0", "--liveness", "fast",
            "--operator-key-file", OperatorKeyFile,
        };
        if (force is not null) args.AddRange(["--force", force]);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        info.Environment["Grid__Security__ClusterSecret"] = _clusterSecret;
        info.Environment["DOTNET_gcServer"] = "0"; // several silos on a small machine
        foreach (var (name, value) in SiloEnvironment) info.Environment[name] = value;
        if (force is not null && ForceEnvironment.TryGetValue(force, out var own))
            foreach (var (name, value) in own) info.Environment[name] = value;
        var process = StartLogged(info, Path.Combine(Folder, $"silo-{index}.log"));
        var silo = new SiloProcess(index, force, siloPort, apiPort, process);
        _silos[index] = silo;
        // Generous: on a shared, overloaded machine a silo start has been seen to take over 60 s.
        await FreePort.WaitOpenAsync(apiPort, TimeSpan.FromSeconds(180), $"silo {index}");
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
        Signal(silo.Process.Id, Sigterm);
        if (!silo.Process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60))) silo.Process.Kill(entireProcessTree: true);
    }

    public string LogTail(int index, int lines = 40)
    {
        var path = Path.Combine(Folder, $"silo-{index}.log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Values)
            if (silo.IsRunning) silo.Process.Kill(entireProcessTree: true);
        if (_azurite is { HasExited: false }) _azurite.Kill(entireProcessTree: true);
        foreach (var silo in _silos.Values) await silo.Process.WaitForExitAsync();
        if (_azurite is not null) await _azurite.WaitForExitAsync();
        if (Environment.GetEnvironmentVariable("GRID_KEEP_CLUSTER") == "1") return; // logs kept for a post-mortem
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static Process StartLogged(ProcessStartInfo info, string logPath)
    {
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        // Exited can fire before the last buffered lines arrive: after it, late lines are dropped, not written
        // to a closed writer (which would crash the test host from a thread-pool callback).
        var closed = false;
        void Write(string? line)
        {
            if (line is null) return;
            lock (log) if (!closed) log.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Exited += (_, _) => { lock (log) { closed = true; log.Dispose(); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Grid.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Grid.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Azurite's well-known development account (public, in Azurite's own source), on this cluster's ports.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string AzuriteConnectionString(int blobPort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    private const int Sigterm = 15;

    private static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
