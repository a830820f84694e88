using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grid.Contracts.Hosting;
using Xunit;

namespace Grid.Grains.Tests.Support;

/// <summary>
/// A real Azurite (the project-local one <c>./grid.sh setup</c> installs) on free loopback ports with its
/// data in a temporary folder; the whole process tree is killed and the folder deleted on dispose.
/// Not installed is a failure, not a skip: CI runs setup first, and a silently skipped storage test
/// proves nothing.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }
    public string Location { get; } = Path.Combine(Path.GetTempPath(), "grid-azurite-" + Guid.NewGuid().ToString("N")[..12]);

    public string ConnectionString => GridCluster.AzuriteConnectionString(BlobPort, TablePort);

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException(
                $"Azurite is not installed at {azurite}. Run `./grid.sh setup` in {root} first: it installs azurite into .tools (CI runs setup before the tests).");

        Directory.CreateDirectory(Location);
        (BlobPort, QueuePort, TablePort) = FreePorts();
        var start = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Location,
        };
        foreach (var arg in new[]
                 {
                     "--silent", "--skipApiVersionCheck", "--loose",
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
                     "--location", Location,
                 })
            start.ArgumentList.Add(arg);

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AnswersAsync(port))
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before port {port} answered:\n{Output}");
                if (deadline.Elapsed > StartTimeout)
                    throw new TimeoutException($"Azurite did not answer on port {port} within {StartTimeout.TotalSeconds:0} s:\n{Output}");
                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // exited between the check and the kill
            }
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
        return Task.CompletedTask;
    }

    /// <summary>The folder holding Grid.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Grid.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Grid.sln above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    }

    private string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Three distinct free ports: all three listeners are held until each has its port.</summary>
    private static (int, int, int) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var l in listeners) l.Start();
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return (ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
