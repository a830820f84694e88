using Grid.Protocol.Local;

namespace Grid.DevCluster;

/// <summary>
/// Where <c>./grid.sh up</c>'s grid lives and on which ports: <c>.run</c> (pid files, force labels, logs) in the
/// checkout, the data folder (<c>GRID_DATA</c>, default <c>.data</c>: Azurite's files and keys/), and the port bases
/// from the <c>GRID_*_PORT*</c> variables, else <see cref="LocalGridDefaults"/>.
/// </summary>
public sealed record LocalGridLayout(string Root, string Data, AzuritePorts AzuritePorts, int SiloPortBase, int ApiPortBase, int DashboardPortBase)
{
    public static LocalGridLayout FromEnvironment(string? root = null) => new(
        root ?? RepositoryRoot.Find(),
        LocalGridDefaults.DataFolder(),
        AzuritePorts.FromEnvironment(),
        LocalGridDefaults.Port(LocalGridDefaults.SiloPortBaseVariable, LocalGridDefaults.SiloPortBase),
        LocalGridDefaults.Port(LocalGridDefaults.ApiPortBaseVariable, LocalGridDefaults.ApiPortBase),
        LocalGridDefaults.Port(LocalGridDefaults.DashboardPortBaseVariable, LocalGridDefaults.DashboardPortBase));

    public string Run => Path.Combine(Root, ".run");

    public string Keys => Path.Combine(Data, LocalGridDefaults.KeysFolderName);

    public string OperatorKeyFile => Path.Combine(Keys, "operator.key");

    public string CaFile => Path.Combine(Keys, LocalGridDefaults.CaFileName);

    public string Gridctl => Path.Combine(Root, "src", "Cli", "bin", "Release", "net10.0", "gridctl");

    /// <summary><c>GRID_STORAGE</c> when set, else the development account on this Azurite's ports.</summary>
    public string Storage => Environment.GetEnvironmentVariable("GRID_STORAGE") is { Length: > 0 } storage
        ? storage : LocalGridDefaults.AzuriteConnectionString(AzuritePorts.Blob, AzuritePorts.Table);

    public string PidFile(string name) => Path.Combine(Run, $"{name}.pid");

    public string ForceFile(int silo) => Path.Combine(Run, $"silo-{silo}.force");

    public Uri ApiUrl(int silo = 0) => new($"https://localhost:{ApiPortBase + silo}/");

    /// <summary>The pid in <c>.run/NAME.pid</c> when that process runs (not a zombie), else null.</summary>
    public int? RunningPid(string name) =>
        File.Exists(PidFile(name)) && int.TryParse(File.ReadAllText(PidFile(name)).Trim(), out var pid) && ProcessGroup.IsAlive(pid) ? pid : null;
}
