using System.Diagnostics;
using Grid.DevCluster;
using Grid.Protocol.Local;

namespace Grid.Cluster.Tests.GridSh;

/// <summary>
/// <c>./grid.sh</c> of this checkout run as a user would, with a data folder, a run folder and every port of its own
/// (free ones), so it never touches a developer's grid or the default ports.
/// </summary>
public sealed class GridShRun : IDisposable
{
    public GridShRun()
    {
        Folder = Directory.CreateTempSubdirectory("grid-sh-").FullName;
        var azurite = AzuritePorts.Free();
        Ports = new Dictionary<string, int>
        {
            [LocalGridDefaults.BlobPortVariable] = azurite.Blob,
            [LocalGridDefaults.QueuePortVariable] = azurite.Queue,
            [LocalGridDefaults.TablePortVariable] = azurite.Table,
            [LocalGridDefaults.SiloPortBaseVariable] = PairBase(),
            [LocalGridDefaults.ApiPortBaseVariable] = PairBase(),
            [LocalGridDefaults.DashboardPortBaseVariable] = PairBase(),
            [LocalGridDefaults.PortalPortVariable] = FreePorts.Next(),
        };
    }

    public string Folder { get; }

    public string Data => Path.Combine(Folder, "data");

    public string Keys => Path.Combine(Data, LocalGridDefaults.KeysFolderName);

    public string Run => Path.Combine(Folder, "run");

    public IReadOnlyDictionary<string, int> Ports { get; }

    public static string Root { get; } = RepositoryRoot.Find();

    /// <summary>Null when grid.sh would find everything built (else it would run setup: apt, npm, a full build).</summary>
    public static string? MissingPrerequisite()
    {
        var tool = Path.Combine(Root, "src", "DevCluster", "bin", "Release", "net10.0", "Grid.DevCluster.dll");
        if (!File.Exists(tool)) return $"the local-cluster tool is not built at {tool} (dotnet build Grid.sln -c Release)";
        var missing = LocalGridLayout.FromEnvironment(Root).Missing();
        return missing.Count == 0 ? null : string.Join("; ", missing);
    }

    /// <summary>Runs <c>./grid.sh ARGS</c>; returns its exit code and its output (stdout then stderr).</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(Root, "grid.sh"))
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // The developer's own grid settings must not leak in.
        foreach (var name in new[] { "GRID_STORAGE", "GRID_CLUSTER_ID", "GRID_ENDPOINT", "GRID_CA_FILE", "GRID_KEY_FILE", "GRID_DASHBOARD" })
            info.Environment.Remove(name);
        foreach (var (name, port) in Ports) info.Environment[name] = $"{port}";
        info.Environment[LocalGridDefaults.DataVariable] = Data;
        info.Environment[LocalGridDefaults.RunVariable] = Run;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start grid.sh");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The pid grid.sh's tool recorded for NAME (silo-0, portal, azurite).</summary>
    public int? Pid(string name)
    {
        var file = Path.Combine(Run, $"{name}.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : null;
    }

    /// <summary>A free port whose successor is free too (silo i listens on base + i; the test starts two).</summary>
    private static int PairBase()
    {
        while (true)
        {
            var port = FreePorts.Next();
            if (port >= 65535) continue;
            try
            {
                var next = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port + 1);
                next.Start();
                next.Stop();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
