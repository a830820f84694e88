using Grid.Protocol.Local;

namespace Grid.Contracts.Hosting;

/// <summary>Where a silo or client finds the cluster: the storage connection (Azure Table clustering and
/// blob storage) and the cluster's ids. Defaults are the local grid's (<see cref="LocalGridDefaults"/>).</summary>
public static class GridCluster
{
    public const string ServiceId = "identity-search-grid";
    public const string DefaultClusterId = LocalGridDefaults.ClusterId;
    public const string StorageVariable = LocalGridDefaults.StorageVariable;
    public const string ClusterIdVariable = "GRID_CLUSTER_ID";

    /// <summary>Azurite's well-known development account key (public, in Azurite's own source); only ever
    /// used against a loopback Azurite.</summary>
    public const string DevelopmentAccountKey = LocalGridDefaults.DevelopmentAccountKey;

    public static string AzuriteConnectionString(int blobPort, int tablePort) => LocalGridDefaults.AzuriteConnectionString(blobPort, tablePort);

    /// <summary><c>GRID_STORAGE</c>, else the development account on the local Azurite's ports (<c>GRID_BLOB_PORT</c>, <c>GRID_TABLE_PORT</c>).</summary>
    public static string StorageConnectionString =>
        Environment.GetEnvironmentVariable(StorageVariable) is { Length: > 0 } s ? s
            : AzuriteConnectionString(LocalGridDefaults.Port(LocalGridDefaults.BlobPortVariable, LocalGridDefaults.BlobPort),
                LocalGridDefaults.Port(LocalGridDefaults.TablePortVariable, LocalGridDefaults.TablePort));

    public static string ClusterId =>
        Environment.GetEnvironmentVariable(ClusterIdVariable) is { Length: > 0 } s ? s : DefaultClusterId;
}
