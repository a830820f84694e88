using Grid.Contracts.Hosting;

namespace Grid.Client;

public sealed record GridClientOptions
{
    /// <summary>The cluster's storage (Azure Table clustering finds the silos' gateways there).</summary>
    public string Storage { get; init; } = GridCluster.StorageConnectionString;

    public string ClusterId { get; init; } = GridCluster.ClusterId;

    /// <summary>The caller's API key: every call carries it and the silo turns it into the caller's identity.
    /// Defaults to <c>GRID_API_KEY</c>, else the contents of the file named by <c>GRID_KEY_FILE</c>.</summary>
    public string? ApiKey { get; init; } = ApiKeys.FromEnvironment();

    /// <summary>How long to keep trying to reach a gateway before giving up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
