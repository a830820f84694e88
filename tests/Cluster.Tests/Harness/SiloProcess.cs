using System.Diagnostics;

namespace Grid.Cluster.Tests.Harness;

/// <summary>One Grid.Silo process of a <see cref="LocalCluster"/>: its silo-to-silo port and its HTTPS API port.</summary>
public sealed record SiloProcess(int Index, string? Force, int SiloPort, int ApiPort, Process Process)
{
    public bool IsRunning => !Process.HasExited;

    /// <summary>True when an Orleans silo address (<c>S127.0.0.1:PORT:GEN</c>) is this silo's.</summary>
    public bool Owns(string siloAddress) => siloAddress.Contains($":{SiloPort}:", StringComparison.Ordinal) ||
                                            siloAddress.EndsWith($":{SiloPort}", StringComparison.Ordinal);
}
