using System.Diagnostics;

namespace Grid.Cluster.Tests.Harness;

/// <summary>One Grid.Silo process of a <see cref="LocalCluster"/>; <see cref="GatewayPort"/> 0 = no client gateway.</summary>
public sealed record SiloProcess(int Index, string? Force, int SiloPort, int GatewayPort, Process Process)
{
    public bool IsRunning => !Process.HasExited;

    /// <summary>True when an Orleans silo address (<c>S127.0.0.1:PORT:GEN</c>) is this silo's.</summary>
    public bool Owns(string siloAddress) => siloAddress.Contains($":{SiloPort}:", StringComparison.Ordinal) ||
                                            siloAddress.EndsWith($":{SiloPort}", StringComparison.Ordinal);
}
