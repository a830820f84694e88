using System.Globalization;

namespace Grid.Protocol.Local;

/// <summary>
/// The local grid's defaults, in one place: the ports, folders and development storage account that <c>./grid.sh</c>
/// (through the local-cluster tool), the silo and gridctl assume. Each port can be moved with its <c>GRID_*_PORT*</c>
/// variable; nothing else in the repository repeats these values.
/// </summary>
public static class LocalGridDefaults
{
    public const int BlobPort = 10000;
    public const int QueuePort = 10001;
    public const int TablePort = 10002;

    /// <summary>Silo i listens for other silos on <c>SiloPortBase + i</c>.</summary>
    public const int SiloPortBase = 11111;

    /// <summary>Silo i serves the HTTPS API on <c>ApiPortBase + i</c>.</summary>
    public const int ApiPortBase = 8443;

    /// <summary>Silo i serves the Orleans Dashboard on <c>DashboardPortBase + i</c> when <c>GRID_DASHBOARD=1</c>.</summary>
    public const int DashboardPortBase = 8080;

    /// <summary>The examiners' web portal <c>./grid.sh up</c> starts (HTTPS, loopback).</summary>
    public const int PortalPort = 8600;

    public const string BlobPortVariable = "GRID_BLOB_PORT";
    public const string QueuePortVariable = "GRID_QUEUE_PORT";
    public const string TablePortVariable = "GRID_TABLE_PORT";
    public const string SiloPortBaseVariable = "GRID_SILO_PORT_BASE";
    public const string ApiPortBaseVariable = "GRID_API_PORT_BASE";
    public const string DashboardPortBaseVariable = "GRID_DASHBOARD_PORT_BASE";
    public const string PortalPortVariable = "GRID_PORTAL_PORT";

    /// <summary><c>GRID_DATA</c>: Azurite's files and the keys; default <c>.data</c> in the checkout (or the current folder).</summary>
    public const string DataVariable = "GRID_DATA";

    /// <summary><c>GRID_STORAGE</c>: the silos' storage connection string (a secret elsewhere: passed in the environment).</summary>
    public const string StorageVariable = "GRID_STORAGE";
    public const string DataFolderName = ".data";
    public const string KeysFolderName = "keys";
    public const string CaFileName = "ca.crt";

    /// <summary><c>GRID_RUN</c>: pid files, force labels and logs of what <c>./grid.sh up</c> started; default <c>.run</c>
    /// in the checkout (a test running grid.sh points it elsewhere, so it never touches the developer's grid).</summary>
    public const string RunVariable = "GRID_RUN";
    public const string RunFolderName = ".run";

    /// <summary>The cluster id local silos share (<c>GRID_CLUSTER_ID</c> overrides it).</summary>
    public const string ClusterId = "grid-local";

    /// <summary>Azurite's well-known development account and key (public, in Azurite's own source); only ever used
    /// against a loopback Azurite.</summary>
    public const string DevelopmentAccount = "devstoreaccount1";
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The port in <paramref name="variable"/> when it holds one, else <paramref name="fallback"/>.</summary>
    public static int Port(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port : fallback;

    /// <summary>The API port of local silo <paramref name="index"/>: <c>GRID_API_PORT_BASE</c> (else 8443) + index.</summary>
    public static int ApiPort(int index = 0) => Port(ApiPortBaseVariable, ApiPortBase) + index;

    /// <summary><c>GRID_DATA</c>, else <c>.data</c> beside Grid.sln, else <c>./.data</c>.</summary>
    public static string DataFolder() =>
        Environment.GetEnvironmentVariable(DataVariable) is { Length: > 0 } data
            ? Path.GetFullPath(data)
            : Path.Combine(RepositoryRoot.TryFind(Environment.CurrentDirectory) ?? Environment.CurrentDirectory, DataFolderName);

    /// <summary>The development account's connection string for an Azurite on loopback ports.</summary>
    public static string AzuriteConnectionString(int blobPort, int tablePort, string account = DevelopmentAccount, string key = DevelopmentAccountKey) =>
        $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{account};TableEndpoint=http://127.0.0.1:{tablePort}/{account};";
}
