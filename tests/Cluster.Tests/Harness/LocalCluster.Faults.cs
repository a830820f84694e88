namespace Grid.Cluster.Tests.Harness;

/// <summary>Gray failures for the fault tests and the soak: a silo frozen (alive to the kernel, silent to the
/// cluster) and thawed, and Azurite stopped and started again on the same ports and data.</summary>
public sealed partial class LocalCluster
{
    private const int Sigstop = 19, Sigcont = 18;

    /// <summary>SIGSTOP: the process keeps its sockets but answers nothing, as a silo in a long GC pause or on a
    /// hung VM does.</summary>
    public void FreezeSilo(int index) => Signal(_silos[index].Process.Id, Sigstop);

    /// <summary>SIGCONT: the frozen silo runs again (and learns what the cluster decided while it was away).</summary>
    public void ThawSilo(int index) => Signal(_silos[index].Process.Id, Sigcont);

    /// <summary>Stops Azurite gracefully (SIGTERM) and leaves it down until <see cref="StartAzuriteAsync"/>.</summary>
    public void StopAzurite()
    {
        if (_azurite is not { HasExited: false } azurite) return;
        Signal(azurite.Id, Sigterm);
        if (!azurite.WaitForExit(TimeSpan.FromSeconds(15))) azurite.Kill(entireProcessTree: true);
    }
}
