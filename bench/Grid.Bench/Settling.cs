using System.Diagnostics;
using System.Runtime;

namespace Grid.Bench;

/// <summary>
/// Lets the machine settle before single-probe timings, so they measure the search path and not what the run did just
/// before (issue 8): the bench process's own garbage (it generated and enrolled the gallery), then the silo's and
/// Azurite's leftover work (post-enrolment writes, background tier-1 JIT, GC) until both have been idle for
/// <see cref="QuietSamples"/> one-second samples in a row, at most <see cref="MaxIdleWait"/>. Each step prints what it
/// waited for, so a report can tell a settled measurement from one that gave up waiting.
/// </summary>
public static class Settling
{
    /// <summary>A process counts as idle below this share of one core (the idle silo's timers and membership use ~2 %).</summary>
    public const double IdleCores = 0.05;

    public const int QuietSamples = 2;

    public static readonly TimeSpan MaxIdleWait = TimeSpan.FromSeconds(60);

    /// <summary>Collects and compacts this process's heap and waits for its finalizers; prints the heap before and after.</summary>
    public static void CollectOwnGarbage(TextWriter log, string tag)
    {
        var before = GC.GetTotalMemory(forceFullCollection: false);
        var clock = Stopwatch.StartNew();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        log.WriteLine($"{tag} settle: bench process GC {before / 1048576.0:F0} -> {GC.GetTotalMemory(false) / 1048576.0:F0} MiB in {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    /// <summary>Waits until the silo and Azurite are both idle (see the class summary) or <see cref="MaxIdleWait"/> passed.</summary>
    public static async Task WaitForIdleGridAsync(TextWriter log, string tag, string why)
    {
        var clock = Stopwatch.StartNew();
        var last = SearchProfile.Cpu();
        var quiet = 0;
        (double Silo, double Azurite) rate = default;
        while (quiet < QuietSamples && clock.Elapsed < MaxIdleWait)
        {
            var sampled = Stopwatch.StartNew();
            await Task.Delay(1000);
            var now = SearchProfile.Cpu();
            var seconds = sampled.Elapsed.TotalSeconds;
            rate = ((now.Silo - last.Silo) / seconds, (now.Azurite - last.Azurite) / seconds);
            last = now;
            quiet = rate.Silo < IdleCores && rate.Azurite < IdleCores ? quiet + 1 : 0;
        }
        log.WriteLine($"{tag} settle ({why}): {(quiet >= QuietSamples ? "grid idle" : "gave up waiting, grid still busy")} after " +
                      $"{clock.Elapsed.TotalSeconds:F1} s (last second: silo {rate.Silo:F2} cores, Azurite {rate.Azurite:F2} cores)");
    }
}
