using Grid.Protocol.Local;

namespace Grid.DevCluster;

/// <summary>The three loopback ports an Azurite serves (blob, queue, table).</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    /// <summary>Three distinct free ports (tests, benchmarks).</summary>
    public static AzuritePorts Free()
    {
        var ports = FreePorts.Next(3);
        return new AzuritePorts(ports[0], ports[1], ports[2]);
    }

    /// <summary><c>GRID_BLOB_PORT</c>, <c>GRID_QUEUE_PORT</c>, <c>GRID_TABLE_PORT</c>, else the local grid's defaults.</summary>
    public static AzuritePorts FromEnvironment() => new(
        LocalGridDefaults.Port(LocalGridDefaults.BlobPortVariable, LocalGridDefaults.BlobPort),
        LocalGridDefaults.Port(LocalGridDefaults.QueuePortVariable, LocalGridDefaults.QueuePort),
        LocalGridDefaults.Port(LocalGridDefaults.TablePortVariable, LocalGridDefaults.TablePort));
}
