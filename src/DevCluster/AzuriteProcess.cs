using System.Diagnostics;
using Grid.Protocol.Local;

namespace Grid.DevCluster;

/// <summary>
/// An Azurite (the one <c>./grid.sh setup</c> installs under <c>.tools</c>) on loopback ports with its data in an
/// owner-only folder, in a process group of its own. <see cref="DisposeAsync"/> kills the group; the data stays
/// (callers that made a temporary folder delete it).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private AzuriteProcess(AzuriteOptions options, int pid, Process? process)
    {
        Options = options;
        ProcessId = pid;
        _process = process;
    }

    private readonly Process? _process;

    public AzuriteOptions Options { get; }

    public AzuritePorts Ports => Options.Ports;

    public int ProcessId { get; }

    public bool IsRunning => ProcessGroup.IsAlive(ProcessId);

    public string LogFile => Options.LogFile ?? Options.Location.TrimEnd('/') + ".log";

    /// <summary>The development account's connection string on these ports.</summary>
    public string ConnectionString => LocalGridDefaults.AzuriteConnectionString(Ports.Blob, Ports.Table);

    /// <summary>The connection string of <paramref name="account"/> (one of <see cref="AzuriteOptions.ExtraAccounts"/>).</summary>
    public string ConnectionStringFor(AzuriteAccount account) => LocalGridDefaults.AzuriteConnectionString(Ports.Blob, Ports.Table, account.Name, account.Key);

    /// <summary>Azurite's launcher in the checkout's <c>.tools</c>.</summary>
    public static string Executable(string? root = null) =>
        Path.Combine(root ?? RepositoryRoot.Find(), ".tools", "azurite", "node_modules", ".bin", "azurite");

    /// <summary>Null when Azurite is installed, else what to run.</summary>
    public static string? Missing(string? root = null) =>
        File.Exists(Executable(root)) ? null : $"Azurite is not installed at {Executable(root)}: run ./grid.sh setup (it installs azurite into .tools).";

    /// <summary>Starts Azurite and waits until all three ports answer; a failed start leaves no process behind.</summary>
    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options)
    {
        if (Missing() is { } missing) throw new InvalidOperationException(missing);
        // Azurite's files hold every force's templates and audit: owner-only.
        Directory.CreateDirectory(options.Location);
        File.SetUnixFileMode(options.Location, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.ExtraAccounts.Count > 0)
            environment["AZURITE_ACCOUNTS"] = string.Join(';', new[] { AzuriteAccount.Development }.Concat(options.ExtraAccounts).Select(a => $"{a.Name}:{a.Key}"));
        var ports = options.Ports;
        // GRID_AZURITE_ACCESS_LOG=1 keeps Azurite's access log (one line per storage request, in its log file): for
        // counting the storage requests an operation costs. Off by default: it costs Azurite CPU per request.
        var quiet = Environment.GetEnvironmentVariable("GRID_AZURITE_ACCESS_LOG") == "1" ? Array.Empty<string>() : ["--silent"];
        var process = ProcessGroup.Start(Executable(), [
            // --disableTelemetry: Azurite reports usage to Microsoft by default; a grid's storage says nothing to anyone,
            // and offline the reporting only burns CPU per request on the cores the silo scans with.
            .. quiet, "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", $"{ports.Blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{ports.Queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports.Table}",
            "--location", options.Location,
        ], options.LogFile ?? options.Location.TrimEnd('/') + ".log", environment, options.Location);
        var azurite = new AzuriteProcess(options, process.Id, process);
        try
        {
            foreach (var port in new[] { ports.Blob, ports.Queue, ports.Table })
                await FreePorts.WaitOpenAsync(port, options.StartTimeout, "Azurite", () => process.HasExited ? $"exit code {process.ExitCode}; {azurite.LogTail()}" : null);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>An Azurite started earlier (by another run of the tool), known by its pid.</summary>
    public static AzuriteProcess Attach(AzuriteOptions options, int pid) => new(options, pid, null);

    /// <summary>SIGTERM (Azurite flushes its metadata), SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        await ProcessGroup.StopAsync(ProcessId, grace ?? TimeSpan.FromSeconds(15));
        if (_process is not null) await _process.WaitForExitAsync();
    }

    /// <summary>The blocking form of <see cref="StopAsync"/>.</summary>
    public void Stop(TimeSpan? grace = null)
    {
        ProcessGroup.Stop(ProcessId, grace ?? TimeSpan.FromSeconds(15));
        _process?.WaitForExit();
    }

    /// <summary>SIGKILL to the whole group: a crash.</summary>
    public async Task KillAsync()
    {
        if (IsRunning) ProcessGroup.Signal(ProcessId, ProcessGroup.Sigkill);
        if (_process is not null) await _process.WaitForExitAsync();
        else while (IsRunning) await Task.Delay(50);
    }

    public string LogTail(int lines = 20) =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(lines)) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
