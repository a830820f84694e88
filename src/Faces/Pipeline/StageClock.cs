using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Grid.Faces.Pipeline;

/// <summary>
/// Accumulates time per pipeline stage for the stage profile (bench <c>--stages</c>): each <see cref="Lap"/>
/// charges the time since the previous lap to the named stage. On Linux it counts the calling thread's CPU time
/// (the models run on the calling thread with one thread per call), so the profile holds on a loaded machine;
/// elsewhere wall time. The pipeline takes it as an optional argument, so the profile times the production path.
/// </summary>
public sealed partial class StageClock
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    private readonly Dictionary<string, long> nanoseconds = [];
    private readonly List<string> order = [];
    private long last;

    /// <summary>True when stages are charged thread CPU time rather than wall time.</summary>
    public static bool CountsCpuTime { get; } = OperatingSystem.IsLinux();

    /// <summary>Starts timing from now; call before the first stage of each photo.</summary>
    public void Start() => last = Now();

    public void Lap(string stage)
    {
        var now = Now();
        var elapsed = now - last;
        last = now;
        if (nanoseconds.TryAdd(stage, elapsed))
        {
            order.Add(stage);
        }
        else
        {
            nanoseconds[stage] += elapsed;
        }
    }

    /// <summary>Stages in the order first seen, with their total time.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Total)> Totals =>
        order.Select(s => (s, TimeSpan.FromTicks(nanoseconds[s] / 100))).ToList();

    private static long Now()
    {
        if (CountsCpuTime && clock_gettime(ThreadCpuClock, out var t) == 0)
        {
            return (t.Seconds * 1_000_000_000L) + t.Nanoseconds;
        }
        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}
