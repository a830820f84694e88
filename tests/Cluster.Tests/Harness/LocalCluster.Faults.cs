using Grid.DevCluster;

namespace Grid.Cluster.Tests.Harness;

/// <summary>Gray failures for the fault tests and the soak: a silo frozen (alive to the kernel, silent to the
/// cluster) and thawed, and Azurite stopped and started again on the same ports and data.</summary>
public sealed partial class LocalCluster
{
    /// <summary>SIGSTOP: the process keeps its sockets but answers nothing, as a silo in a long GC pause or on a
    /// hung VM does.</summary>
    public void FreezeSilo(int index) => ProcessGroup.Signal(_silos[index].Process.Id, ProcessGroup.Sigstop);

    /// <summary>SIGCONT: the frozen silo runs again (and learns what the cluster decided while it was away).</summary>
    public void ThawSilo(int index) => ProcessGroup.Signal(_silos[index].Process.Id, ProcessGroup.Sigcont);

    /// <summary>SIGSTOP to Azurite: its ports still accept connections (the kernel does) but nothing answers, as a
    /// hung storage endpoint. Blob, table (membership) and queue stall together.</summary>
    public void FreezeAzurite() => ProcessGroup.Signal(_azurite!.ProcessId, ProcessGroup.Sigstop);

    /// <summary>SIGCONT: the frozen Azurite answers again, with everything it held.</summary>
    public void ThawAzurite() => ProcessGroup.Signal(_azurite!.ProcessId, ProcessGroup.Sigcont);

    /// <summary>Silos started from now on reach blob storage on <paramref name="port"/> (a <see cref="DelayingProxy"/>
    /// in front of <see cref="BlobPort"/>) instead of Azurite's own port; tables stay direct.</summary>
    public void UseBlobPort(int port) => Storage = AzuriteConnectionString(port, TablePort);

    /// <summary>Stops Azurite gracefully (SIGTERM) and leaves it down until <see cref="StartAzuriteAsync"/>.</summary>
    public void StopAzurite()
    {
        if (_azurite is { IsRunning: true } azurite) azurite.Stop();
    }
}
