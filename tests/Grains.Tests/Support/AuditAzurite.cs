using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grid.Contracts.Hosting;

namespace Grid.Grains.Tests.Support;

/// <summary>
/// A real Azurite (the one <c>./grid.sh setup</c> installs under <c>.tools</c>) on free loopback ports with
/// its data in a temporary folder; killed, and the folder deleted, on dispose. Missing Azurite is a failure,
/// not a skip: a silently skipped storage test proves nothing.
/// </summary>
public sealed class AuditAzurite : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _location;

    private AuditAzurite(Process process, string location, int blobPort, int tablePort)
    {
        (_process, _location) = (process, location);
        ConnectionString = GridCluster.AzuriteConnectionString(blobPort, tablePort);
    }

    public string ConnectionString { get; }

    public static async Task<AuditAzurite> StartAsync()
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run `./grid.sh setup` in {root} first.");
        }

        var location = Directory.CreateTempSubdirectory("grid-audit-azurite-").FullName;
        int[] ports = [FreePort(), FreePort(), FreePort()];
        var start = new ProcessStartInfo(azurite) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[
                     "--silent", "--skipApiVersionCheck", "--loose", "--location", location,
                     "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
                     "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
                     "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}"])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        var instance = new AuditAzurite(process, location, ports[0], ports[2]);
        var clock = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (!await AnswersAsync(port))
            {
                if (process.HasExited || clock.Elapsed > StartTimeout)
                {
                    var stderr = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
                    await instance.DisposeAsync();
                    throw new InvalidOperationException($"Azurite did not answer on port {port} within {StartTimeout.TotalSeconds:0} s. {stderr}");
                }

                await Task.Delay(100);
            }
        }

        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_location, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The folder holding Grid.sln, found upwards from the test binaries (a worktree has its own).</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Grid.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No Grid.sln above {AppContext.BaseDirectory}.");
    }
}
