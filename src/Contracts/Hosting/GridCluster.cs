namespace Grid.Contracts.Hosting;

/// <summary>Where a silo or client finds the cluster: the storage connection (Azure Table clustering and
/// blob storage) and the cluster's ids. Defaults match <c>./grid.sh up</c>.</summary>
public static class GridCluster
{
    public const string ServiceId = "identity-search-grid";
    public const string DefaultClusterId = "grid-local";
    public const string StorageVariable = "GRID_STORAGE";
    public const string ClusterIdVariable = "GRID_CLUSTER_ID";

    /// <summary>Azurite's well-known development account key (public, in Azurite's own source); only ever
    /// used against a loopback Azurite.</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static string AzuriteConnectionString(int blobPort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    public static string StorageConnectionString =>
        Environment.GetEnvironmentVariable(StorageVariable) is { Length: > 0 } s ? s : AzuriteConnectionString(10000, 10002);

    public static string ClusterId =>
        Environment.GetEnvironmentVariable(ClusterIdVariable) is { Length: > 0 } s ? s : DefaultClusterId;
}
