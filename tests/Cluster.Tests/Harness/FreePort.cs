using Grid.DevCluster;

namespace Grid.Cluster.Tests.Harness;

/// <summary>The tests' name for <see cref="FreePorts"/> (the one port finder, in Grid.DevCluster).</summary>
public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (the OS picks it).</summary>
    public static int Next() => FreePorts.Next();

    public static Task WaitOpenAsync(int port, TimeSpan timeout, string what) => FreePorts.WaitOpenAsync(port, timeout, what);
}
