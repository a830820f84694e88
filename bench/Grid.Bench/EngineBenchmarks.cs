using System.Diagnostics;
using Grid.Indexing;
using Grid.Indexing.Synthetic;

namespace Grid.Bench;

/// <summary>
/// In-process engine measurements: for each size, the same uniform unit vectors (fixed seed) go into
/// every engine; single-probe latency percentiles and batch throughput are measured after a warm-up,
/// next to the plain-read baseline over the same number of bytes.
/// </summary>
public sealed class EngineBenchmarks(BenchmarkOptions options, TextWriter log)
{
    public const string Section = "In-process engines";
    private const int AddBatch = 50_000;
    private const int WarmUp = 5;
    private static readonly string[] Engines = ["exact", "faiss:IDMap2,Flat"];

    public IReadOnlyList<BenchmarkRow> Run()
    {
        var rows = new List<BenchmarkRow>();
        foreach (var size in options.Sizes) rows.AddRange(RunSize(size));
        return rows;
    }

    private IEnumerable<BenchmarkRow> RunSize(int size)
    {
        var probes = new SyntheticTemplates(options.Dimension, options.Seed + 1).Uniform(options.Probes);
        var batch = probes.AsSpan(0, Math.Min(options.Batch, options.Probes) * options.Dimension).ToArray();
        var rows = new List<BenchmarkRow>();

        using (var baseline = new MemoryReadBaseline((long)size * options.Dimension))
        {
            var gib = size * (double)options.Dimension * sizeof(float) / (1 << 30);
            var one = baseline.MedianMs(1, 9);
            var all = baseline.MedianMs(Environment.ProcessorCount, 9);
            rows.Add(new(Section, size, "plain read, 1 thread", one, null, null, $"{gib:F2} GiB at {gib / one * 1000:F1} GiB/s"));
            rows.Add(new(Section, size, $"plain read, {Environment.ProcessorCount} threads", all, null, null,
                $"{gib / all * 1000:F1} GiB/s; the exact engine's target (it scans with all cores)"));
            log.WriteLine($"[{size}] plain read: 1 thread {one:F1} ms, {Environment.ProcessorCount} threads {all:F1} ms");
        }

        foreach (var spec in Engines)
        {
            using var index = Fill(spec, size);
            var latencies = new double[options.Probes];
            for (var w = 0; w < WarmUp; w++) index.Search(probes.AsSpan(w % options.Probes * options.Dimension, options.Dimension), 10);
            for (var p = 0; p < options.Probes; p++)
            {
                var watch = Stopwatch.StartNew();
                index.Search(probes.AsSpan(p * options.Dimension, options.Dimension), 10);
                latencies[p] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(latencies);
            index.Search(batch, 10);
            var rounds = Math.Max(1, options.Probes / options.Batch);
            var total = Stopwatch.StartNew();
            for (var r = 0; r < rounds; r++) index.Search(batch, 10);
            var qps = rounds * (batch.Length / options.Dimension) / total.Elapsed.TotalSeconds;
            var row = new BenchmarkRow(Section, size, spec, Percentile(latencies, 0.50), Percentile(latencies, 0.99), qps,
                $"{index.MemoryBytes / (double)(1 << 20):F0} MiB");
            log.WriteLine($"[{size}] {spec}: p50 {row.P50Ms:F1} ms, p99 {row.P99Ms:F1} ms, batch {qps:F0} q/s");
            rows.Add(row);
        }
        return rows;
    }

    private IVectorIndex Fill(string spec, int size)
    {
        var index = VectorIndexFactory.Create(spec, options.Dimension);
        var generator = new SyntheticTemplates(options.Dimension, options.Seed);
        for (var first = 0; first < size; first += AddBatch)
        {
            var count = Math.Min(AddBatch, size - first);
            var ids = Enumerable.Range(first, count).Select(i => (long)i).ToArray();
            index.Add(generator.Uniform(count), ids);
        }
        return index;
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
