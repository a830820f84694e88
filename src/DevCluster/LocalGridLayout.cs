using Grid.Protocol.Local;

namespace Grid.DevCluster;

/// <summary>
/// Where <c>./grid.sh up</c>'s grid lives and on which ports: the run folder (<c>GRID_RUN</c>, default <c>.run</c> in
/// the checkout: pid files, force labels, logs), the data folder (<c>GRID_DATA</c>, default <c>.data</c>: Azurite's
/// files and keys/), and the ports from the <c>GRID_*_PORT*</c> variables, else <see cref="LocalGridDefaults"/>.
/// </summary>
public sealed record LocalGridLayout(string Root, string Data, AzuritePorts AzuritePorts, int SiloPortBase, int ApiPortBase, int DashboardPortBase)
{
    public static LocalGridLayout FromEnvironment(string? root = null)
    {
        var checkout = root ?? RepositoryRoot.Find();
        return new(
            checkout,
            // GRID_DATA, else .data in this checkout (not in the current folder: ./grid.sh may be run from anywhere).
            Environment.GetEnvironmentVariable(LocalGridDefaults.DataVariable) is { Length: > 0 } data
                ? Path.GetFullPath(data) : Path.Combine(checkout, LocalGridDefaults.DataFolderName),
            AzuritePorts.FromEnvironment(),
            LocalGridDefaults.Port(LocalGridDefaults.SiloPortBaseVariable, LocalGridDefaults.SiloPortBase),
            LocalGridDefaults.Port(LocalGridDefaults.ApiPortBaseVariable, LocalGridDefaults.ApiPortBase),
            LocalGridDefaults.Port(LocalGridDefaults.DashboardPortBaseVariable, LocalGridDefaults.DashboardPortBase))
        {
            Run = Environment.GetEnvironmentVariable(LocalGridDefaults.RunVariable) is { Length: > 0 } run
                ? Path.GetFullPath(run) : Path.Combine(checkout, LocalGridDefaults.RunFolderName),
            PortalPort = LocalGridDefaults.Port(LocalGridDefaults.PortalPortVariable, LocalGridDefaults.PortalPort),
        };
    }

    public string Run { get; init; } = Path.Combine(Root, LocalGridDefaults.RunFolderName);

    public int PortalPort { get; init; } = LocalGridDefaults.PortalPort;

    public string Keys => Path.Combine(Data, LocalGridDefaults.KeysFolderName);

    public string OperatorKeyFile => Path.Combine(Keys, "operator.key");

    public string CaFile => Path.Combine(Keys, LocalGridDefaults.CaFileName);

    /// <summary>Where demos and evaluations keep grids of their own (<c>.data/NAME</c> in the checkout), whatever GRID_DATA says.</summary>
    public string DataHome => Path.Combine(Root, LocalGridDefaults.DataFolderName);

    public string Gridctl => Binary("Cli", "gridctl");

    public string Portal => Binary("Portal", "Grid.Portal");

    /// <summary>A project's Release build in the checkout.</summary>
    public string Binary(string project, string name) => Path.Combine(Root, "src", project, "bin", "Release", "net10.0", name);

    /// <summary>What <c>up</c> needs that is not there (each with what to run), empty when everything is.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (AzuriteProcess.Missing(Root) is { } azurite) missing.Add(azurite);
        if (SiloLauncher.Missing(Root) is { } silo) missing.Add(silo);
        foreach (var binary in new[] { Gridctl, Portal })
            if (!File.Exists(binary)) missing.Add($"{binary} is not built (dotnet build Grid.sln -c Release)");
        return missing;
    }

    /// <summary><c>GRID_STORAGE</c> when set, else the development account on this Azurite's ports.</summary>
    public string Storage => Environment.GetEnvironmentVariable(LocalGridDefaults.StorageVariable) is { Length: > 0 } storage
        ? storage : LocalGridDefaults.AzuriteConnectionString(AzuritePorts.Blob, AzuritePorts.Table);

    public string PidFile(string name) => Path.Combine(Run, $"{name}.pid");

    public string LogFile(string name) => Path.Combine(Run, $"{name}.log");

    public string ForceFile(int silo) => Path.Combine(Run, $"silo-{silo}.force");

    public Uri ApiUrl(int silo = 0) => new($"https://localhost:{ApiPortBase + silo}/");

    public Uri PortalUrl => new($"https://localhost:{PortalPort}/");

    /// <summary>The pid in <c>NAME.pid</c> of the run folder when that process runs (not a zombie), else null.</summary>
    public int? RunningPid(string name) =>
        File.Exists(PidFile(name)) && int.TryParse(File.ReadAllText(PidFile(name)).Trim(), out var pid) && ProcessGroup.IsAlive(pid) ? pid : null;
}
