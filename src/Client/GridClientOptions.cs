using Grid.Contracts.Hosting;

namespace Grid.Client;

public sealed record GridClientOptions
{
    /// <summary>The cluster's storage (Azure Table clustering finds the silos' gateways there).</summary>
    public string Storage { get; init; } = GridCluster.StorageConnectionString;

    public string ClusterId { get; init; } = GridCluster.ClusterId;

    /// <summary>How long to keep trying to reach a gateway before giving up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
