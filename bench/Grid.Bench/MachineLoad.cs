using System.Globalization;

namespace Grid.Bench;

/// <summary>
/// The 1-minute load average, recorded next to each measurement: on a shared machine other processes take
/// cores and memory bandwidth, and a latency measured under a load of 10 on 2 cores says little about the code.
/// </summary>
public static class MachineLoad
{
    public static double? Now() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : null;

    public static string Describe() => Now() is { } load ? $"load {load:F1}" : "load ?";

    /// <summary>Waits (at most <paramref name="maxWait"/>) until the 1-minute load is at most <paramref name="threshold"/>;
    /// returns the load it went on with.</summary>
    public static double? WaitForQuiet(double threshold, TimeSpan maxWait, TextWriter log, string what)
    {
        if (threshold <= 0 || Now() is not { } load || load <= threshold) return Now();
        log.WriteLine($"{what}: load {load:F1} > {threshold:F1}; waiting up to {maxWait.TotalSeconds:0} s for a quieter machine");
        var deadline = DateTime.UtcNow + maxWait;
        while (DateTime.UtcNow < deadline && Now() > threshold) Thread.Sleep(5_000);
        load = Now() ?? 0;
        log.WriteLine($"{what}: going on at load {load:F1}");
        return load;
    }
}
