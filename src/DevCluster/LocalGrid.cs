using System.Diagnostics;

namespace Grid.DevCluster;

/// <summary>
/// The grid <c>./grid.sh up</c> runs in the background: Azurite and silos started detached, known across runs of the
/// tool by their pid files in the run folder (<c>azurite.pid</c>, <c>silo-N.pid</c>, <c>silo-N.force</c>, <c>portal.pid</c>;
/// logs beside them), and the examiners' portal. Every message
/// goes to <paramref name="say"/>; a failure throws <see cref="DevClusterException"/> with what to look at.
/// </summary>
public sealed class LocalGrid(LocalGridLayout layout, Action<string> say)
{
    public LocalGridLayout Layout => layout;

    /// <summary>Force accounts made so far in the keys folder (Azurite serves each, F's silos get F's).</summary>
    public ForceStorageAccounts Accounts => new(layout.Keys);

    /// <summary>
    /// Starts Azurite unless it runs already serving every force account made so far; one that serves fewer is
    /// restarted (Azurite reads <c>AZURITE_ACCOUNTS</c> only at start; running silos retry storage meanwhile).
    /// </summary>
    public async Task StartAzuriteAsync()
    {
        Directory.CreateDirectory(layout.Run);
        Directory.CreateDirectory(layout.Data);
        File.SetUnixFileMode(layout.Data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var accounts = Accounts.All();
        var fingerprint = ForceStorageAccounts.Fingerprint(accounts);
        var served = Path.Combine(layout.Run, "azurite.accounts");
        if (layout.RunningPid("azurite") is not null)
        {
            if ((File.Exists(served) ? File.ReadAllText(served).Trim() : "") == fingerprint) return;
            await StopAsync("azurite");
        }
        var location = Path.Combine(layout.Data, "azurite");
        var shown = Path.GetRelativePath(layout.Root, location);
        say($"starting Azurite (blob :{layout.AzuritePorts.Blob}, table :{layout.AzuritePorts.Table}, data in " +
            $"{(shown.StartsWith("..", StringComparison.Ordinal) ? location : shown)}, {accounts.Count + 1} account(s))");
        var log = layout.LogFile("azurite");
        File.Delete(log);
        try
        {
            var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions(location, layout.AzuritePorts)
            {
                LogFile = log,
                StartTimeout = TimeSpan.FromSeconds(30),
                ExtraAccounts = accounts,
            });
            await File.WriteAllTextAsync(layout.PidFile("azurite"), $"{azurite.ProcessId}\n");
            await File.WriteAllTextAsync(served, $"{fingerprint}\n");
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new DevClusterException($"Azurite did not start: {e.Message} (see {log})");
        }
    }

    public async Task StartSiloAsync(int index, string? force)
    {
        if (layout.RunningPid($"silo-{index}") is not null) return;
        Directory.CreateDirectory(layout.Run);
        var keys = layout.Keys;
        var certificates = LocalCertificates.Ensure(keys);
        var dashboard = Environment.GetEnvironmentVariable("GRID_DASHBOARD") == "1" ? layout.DashboardPortBase + index : 0;
        var launch = new SiloLaunch(index, layout.SiloPortBase + index, layout.ApiPortBase + index, certificates, layout.Storage, ClusterSecrets.ClusterSecret(keys))
        {
            Force = force,
            ForceSecret = force is null ? null : ClusterSecrets.ForceSecret(keys, force),
            ClusterId = Environment.GetEnvironmentVariable("GRID_CLUSTER_ID") is { Length: > 0 } id ? id : null,
            DashboardPort = dashboard,
            OperatorKeyFile = layout.OperatorKeyFile,
            LogFile = layout.LogFile($"silo-{index}"),
            Environment = SiloEnvironment(force),
        };
        await File.WriteAllTextAsync(layout.ForceFile(index), $"{force}\n");
        var shownDashboard = dashboard > 0 ? $"http://127.0.0.1:{dashboard}/" : "off (GRID_DASHBOARD=1 turns it on)";
        say($"starting silo {index}{(force is null ? "" : $" for force {force}")} (silo :{launch.SiloPort} mutual TLS, API {launch.ApiEndpoint}, dashboard {shownDashboard})");
        var process = SiloLauncher.Start(launch);
        await File.WriteAllTextAsync(layout.PidFile($"silo-{index}"), $"{process.Id}\n");
        try
        {
            await SiloLauncher.WaitReadyAsync(launch, () => ProcessGroup.IsAlive(process.Id), TimeSpan.FromSeconds(120));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new DevClusterException(e.Message);
        }
    }

    /// <summary>One JSON object per log line (a search's lines carry its SearchId; GRID_JSON_LOGS=false for plain text),
    /// and for a pinned force its own storage account when it has one: a secret, so in the environment only.</summary>
    private Dictionary<string, string> SiloEnvironment(string? force)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Grid__Telemetry__JsonLogs"] = Environment.GetEnvironmentVariable("GRID_JSON_LOGS") is { Length: > 0 } json ? json : "true",
        };
        if (force is not null && Accounts.ConnectionString(force) is { } own) environment[ForceStorageAccounts.Variable(force)] = own;
        return environment;
    }

    /// <summary>
    /// The examiners' portal: a client of the first silo's API like gridctl (no Orleans, no storage), serving its own
    /// certificate from the grid's CA on the portal port (loopback). Photos stay in it.
    /// </summary>
    public async Task StartPortalAsync()
    {
        if (layout.RunningPid("portal") is not null) return;
        Directory.CreateDirectory(layout.Run);
        var certificates = LocalCertificates.Ensure(layout.Keys);
        say($"starting the examiners' portal {layout.PortalUrl} (over {layout.ApiUrl(0)}; trust {certificates.AuthorityFile} in the browser)");
        var log = layout.LogFile("portal");
        var process = ProcessGroup.Start(layout.Portal, [
            "--port", $"{layout.PortalPort}", "--endpoint", $"{layout.ApiUrl(0)}", "--ca-file", certificates.AuthorityFile,
            "--cert", certificates.PortalCertificateFile, "--key", certificates.PortalKeyFile,
        ], log);
        await File.WriteAllTextAsync(layout.PidFile("portal"), $"{process.Id}\n");
        try
        {
            await FreePorts.WaitOpenAsync(layout.PortalPort, TimeSpan.FromSeconds(60), "the portal",
                () => ProcessGroup.IsAlive(process.Id) ? null : SiloLauncher.Tail(log, 20));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new DevClusterException($"{e.Message} (see {log})");
        }
    }

    /// <summary>A pinned force's own storage account, made on first use; Azurite restarts to serve it.</summary>
    public async Task EnsureForceAccountAsync(string force)
    {
        Accounts.Ensure(force, layout.AzuritePorts.Blob);
        await StartAzuriteAsync();
    }

    public int NextSiloIndex()
    {
        var i = 0;
        while (layout.RunningPid($"silo-{i}") is not null) i++;
        return i;
    }

    /// <summary>The force label silo <paramref name="index"/> was started with ("" = shared pool), null when never started here.</summary>
    public string? ForceOf(int index) => File.Exists(layout.ForceFile(index)) ? File.ReadAllText(layout.ForceFile(index)).Trim() : null;

    /// <summary>SIGTERM (grains deactivate, snapshots are written), SIGKILL after 30 s.</summary>
    public async Task StopAsync(string name)
    {
        if (layout.RunningPid(name) is { } pid)
        {
            await ProcessGroup.StopAsync(pid, TimeSpan.FromSeconds(30));
            say($"stopped {name} (pid {pid})");
        }
        File.Delete(layout.PidFile(name));
    }

    /// <summary>SIGKILL: a crash.</summary>
    public int Kill(string name)
    {
        var pid = layout.RunningPid(name) ?? throw new DevClusterException($"{name.Replace('-', ' ')} is not running");
        ProcessGroup.Signal(pid, ProcessGroup.Sigkill);
        File.Delete(layout.PidFile(name));
        return pid;
    }

    public async Task DownAsync()
    {
        await StopAsync("portal");
        foreach (var pidFile in SiloNames(".pid")) await StopAsync(pidFile);
        await StopAsync("azurite");
        foreach (var file in Directory.Exists(layout.Run) ? Directory.GetFiles(layout.Run, "silo-*.force") : []) File.Delete(file);
    }

    /// <summary>One line per process started here; empty when nothing was.</summary>
    public IReadOnlyList<string> StatusLines()
    {
        var lines = new List<string>();
        foreach (var name in new[] { "azurite" }.Concat(SiloNames(".pid")))
        {
            if (!File.Exists(layout.PidFile(name))) continue;
            var label = name.StartsWith("silo-", StringComparison.Ordinal) ? Label(int.Parse(name[5..])) : "";
            lines.Add(layout.RunningPid(name) is { } pid ? $"{name}: running (pid {pid}){label}" : $"{name}: not running (stale pid file){label}");
        }
        foreach (var name in SiloNames(".force"))
            if (!File.Exists(layout.PidFile(name)))
                lines.Add($"{name}: stopped{Label(int.Parse(name[5..]))} (./grid.sh silo start {name[5..]})");
        if (File.Exists(layout.PidFile("portal")))
            lines.Add(layout.RunningPid("portal") is { } portal ? $"portal: running (pid {portal}) {layout.PortalUrl}" : $"portal: not running (stale pid file) {layout.PortalUrl}");
        return lines;
    }

    /// <summary>gridctl as the local operator runs it: the first silo's API, the local CA, the operator's key unless
    /// GRID_KEY_FILE says otherwise. Output goes to this process's own.</summary>
    public async Task<int> GridctlAsync(bool quiet, params string[] args)
    {
        var info = new ProcessStartInfo(layout.Gridctl) { UseShellExecute = false, RedirectStandardOutput = quiet };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["GRID_ENDPOINT"] = Environment.GetEnvironmentVariable("GRID_ENDPOINT") is { Length: > 0 } e ? e : layout.ApiUrl(0).ToString();
        info.Environment["GRID_CA_FILE"] = Environment.GetEnvironmentVariable("GRID_CA_FILE") is { Length: > 0 } c ? c : layout.CaFile;
        info.Environment["GRID_KEY_FILE"] = Environment.GetEnvironmentVariable("GRID_KEY_FILE") is { Length: > 0 } k ? k : layout.OperatorKeyFile;
        using var process = Process.Start(info) ?? throw new DevClusterException($"could not run {layout.Gridctl}");
        if (quiet) await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private string Label(int index) =>
        $" force={(ForceOf(index) is { Length: > 0 } force ? force : "shared")} silo=:{layout.SiloPortBase + index} api={layout.ApiUrl(index)}";

    /// <summary>silo-N names with a file of <paramref name="extension"/> in .run, in index order.</summary>
    private IEnumerable<string> SiloNames(string extension) =>
        (Directory.Exists(layout.Run) ? Directory.GetFiles(layout.Run, $"silo-*{extension}") : [])
        .Select(f => Path.GetFileName(f)[..^extension.Length])
        .Where(n => int.TryParse(n[5..], out _))
        .OrderBy(n => int.Parse(n[5..]));
}
