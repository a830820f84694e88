using System.Diagnostics;
using Grid.Indexing;

namespace Grid.Bench;

/// <summary>
/// <c>--scan ROWS</c>: the exact-int8 scan alone, in process, next to its anchors measured in the same run (the
/// float32 and int8 plain reads with all cores): single-probe latency and the batch rate for the batch shapes
/// micro-batching forms (2, 4, 8, 12, 16, 32 and 100 probes per pass). Each figure also comes as process CPU time per
/// operation ("cpu"), which time-sharing with other processes inflates far less than wall time: on a busy
/// machine compare the cpu figures, on a quiet one the wall times. Prints to the console and writes no file.
/// </summary>
public sealed class ScanBenchmarks(BenchmarkOptions options, int size, TextWriter log)
{
    private static readonly int[] BatchSizes = [2, 4, 8, 12, 16, 32, 100];

    public void Run()
    {
        log.WriteLine($"scan bench: {size:N0} × {options.Dimension} uniform, {options.Probes} probes, {MachineLoad.Describe()}");
        var (float32, float32Cpu) = ReadMs(size * (long)options.Dimension);
        var (int8, int8Cpu) = ReadMs(size * (long)options.Dimension / sizeof(float));
        log.WriteLine($"plain read, {Environment.ProcessorCount} threads: float32 {float32:F2} ms (cpu {float32Cpu:F2}), int8 {int8:F2} ms (cpu {int8Cpu:F2})");

        var probes = BenchData.Probes(options);
        using var index = VectorIndexFactory.Create("exact-int8", options.Dimension);
        foreach (var (first, count, vectors) in BenchData.Gallery(options, size))
            index.Add(vectors, Enumerable.Range(0, count).Select(i => first + i).ToArray());
        for (var w = 0; w < 20; w++) index.Search(Probe(probes, w), 10);
        var latencies = new double[options.Probes];
        var answers = new SearchHits[options.Probes];
        var cpu = CpuMs();
        for (var p = 0; p < options.Probes; p++)
        {
            var watch = Stopwatch.StartNew();
            answers[p] = index.Search(Probe(probes, p), 10)[0];
            latencies[p] = watch.Elapsed.TotalMilliseconds;
        }
        var cpuPerProbe = (CpuMs() - cpu) / options.Probes;
        Array.Sort(latencies);
        var p50 = BenchData.Percentile(latencies, 0.5);
        log.WriteLine($"exact-int8 single probe: p50 {p50:F2} ms ({p50 / float32:F2}× the float32 read, {p50 / int8:F2}× the int8 read), " +
                      $"p99 {BenchData.Percentile(latencies, 0.99):F2} ms; cpu {cpuPerProbe:F2} ms a probe ({cpuPerProbe / float32Cpu:F2}× / {cpuPerProbe / int8Cpu:F2}× the reads' cpu); {MachineLoad.Describe()}");

        // Every probe's answer (ids and score bits), to compare builds: kernel changes must not change a single bit.
        log.WriteLine($"answers digest, single probes: {Digest(answers)}");
        foreach (var batchSize in BatchSizes.Where(b => b <= options.Probes))
        {
            var batch = probes.AsSpan(0, batchSize * options.Dimension).ToArray();
            var batched = index.Search(batch, 10);
            if (Digest(batched) != Digest(answers[..batchSize]))
                log.WriteLine($"batch of {batchSize}: ANSWERS DIFFER from the same probes searched one at a time");
            var rounds = Math.Max(3, 2 * options.Probes / batchSize);
            var watch = Stopwatch.StartNew();
            var start = CpuMs();
            for (var r = 0; r < rounds; r++) index.Search(batch, 10);
            var seconds = watch.Elapsed.TotalSeconds;
            var cpuPass = (CpuMs() - start) / rounds;
            log.WriteLine($"exact-int8 batch of {batchSize,3}: {rounds * batchSize / seconds,7:F0} q/s, {seconds * 1000 / rounds:F2} ms a pass; " +
                          $"cpu {cpuPass:F2} ms a pass ({batchSize * 1000 / cpuPass * Environment.ProcessorCount:F0} q/s at full cores); {MachineLoad.Describe()}");
        }
        var (float32Again, float32CpuAgain) = ReadMs(size * (long)options.Dimension);
        var (int8Again, int8CpuAgain) = ReadMs(size * (long)options.Dimension / sizeof(float));
        log.WriteLine($"plain read again: float32 {float32Again:F2} ms (cpu {float32CpuAgain:F2}), int8 {int8Again:F2} ms (cpu {int8CpuAgain:F2})");
    }

    private static string Digest(IEnumerable<SearchHits> hits)
    {
        var hash = new System.IO.Hashing.XxHash64();
        foreach (var hit in hits)
        {
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(hit.Ids.AsSpan()));
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes(hit.Scores.AsSpan()));
        }
        return Convert.ToHexString(hash.GetCurrentHash());
    }

    private ReadOnlySpan<float> Probe(float[] probes, int p) =>
        probes.AsSpan(p % options.Probes * options.Dimension, options.Dimension);

    /// <summary>Median wall time of an all-core read, and the process CPU time per read.</summary>
    private static (double Wall, double Cpu) ReadMs(long floats)
    {
        using var baseline = new MemoryReadBaseline(floats);
        const int reads = 15;
        var start = CpuMs();
        var wall = baseline.MedianMs(Environment.ProcessorCount, reads);
        return (wall, (CpuMs() - start) / reads);
    }

    private static double CpuMs() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
}
