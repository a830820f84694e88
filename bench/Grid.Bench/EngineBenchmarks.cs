using System.Diagnostics;
using Grid.Indexing;
using Grid.Indexing.Synthetic;

namespace Grid.Bench;

/// <summary>
/// In-process engine measurements: for each size, the same uniform unit vectors (fixed seed) go into
/// every engine; single-probe latency percentiles and batch throughput are measured after a warm-up,
/// next to the plain-read baselines over the same number of float32 bytes and of int8 bytes (what the
/// compressed tier scans). Each engine's single-probe top-10 is compared with the exact engine's.
/// </summary>
public sealed class EngineBenchmarks(BenchmarkOptions options, TextWriter log)
{
    public const string Section = "In-process engines";
    private const int WarmUp = 5;
    public const string Int8ReadPrefix = "plain read int8, ";
    private static readonly string[] Engines = ["exact", "exact-int8", "faiss:IDMap2,Flat"];

    public IReadOnlyList<BenchmarkRow> Run()
    {
        var rows = new List<BenchmarkRow>();
        foreach (var size in options.Sizes) rows.AddRange(RunSize(size));
        return rows;
    }

    private IEnumerable<BenchmarkRow> RunSize(int size)
    {
        var probes = BenchData.Probes(options);
        var batch = probes.AsSpan(0, Math.Min(options.Batch, options.Probes) * options.Dimension).ToArray();
        var rows = new List<BenchmarkRow>();

        using (var baseline = new MemoryReadBaseline((long)size * options.Dimension))
        {
            Quiet($"[{size}] plain read");
            var gib = size * (double)options.Dimension * sizeof(float) / (1 << 30);
            var one = baseline.MedianMs(1, 9);
            var all = baseline.MedianMs(Environment.ProcessorCount, 9);
            rows.Add(new(Section, size, "plain read, 1 thread", one, null, null, $"{gib:F2} GiB at {gib / one * 1000:F1} GiB/s"));
            rows.Add(new(Section, size, $"plain read, {Environment.ProcessorCount} threads", all, null, null,
                $"{gib / all * 1000:F1} GiB/s; the exact engine's target (it scans with all cores); {MachineLoad.Describe()}"));
            log.WriteLine($"[{size}] plain read: 1 thread {one:F1} ms, {Environment.ProcessorCount} threads {all:F1} ms");
        }
        // The int8 codes are a quarter of the float32 bytes: the same read over a quarter of the floats.
        using (var baseline = new MemoryReadBaseline((long)size * options.Dimension / sizeof(float)))
        {
            Quiet($"[{size}] plain read int8");
            var gib = size * (double)options.Dimension / (1 << 30);
            var one = baseline.MedianMs(1, 9);
            var all = baseline.MedianMs(Environment.ProcessorCount, 9);
            rows.Add(new(Section, size, $"{Int8ReadPrefix}1 thread", one, null, null, $"{gib:F2} GiB at {gib / one * 1000:F1} GiB/s"));
            rows.Add(new(Section, size, $"{Int8ReadPrefix}{Environment.ProcessorCount} threads", all, null, null,
                $"{gib / all * 1000:F1} GiB/s; the floor for exact-int8's scan; {MachineLoad.Describe()}"));
            log.WriteLine($"[{size}] plain read int8: 1 thread {one:F1} ms, {Environment.ProcessorCount} threads {all:F1} ms");
        }

        SearchHits[]? exactHits = null;

        foreach (var spec in Engines)
        {
            using var index = Fill(spec, size);
            Quiet($"[{size}] {spec}");
            var latencies = new double[options.Probes];
            var hits = new SearchHits[options.Probes];
            for (var w = 0; w < WarmUp; w++) index.Search(probes.AsSpan(w % options.Probes * options.Dimension, options.Dimension), 10);
            for (var p = 0; p < options.Probes; p++)
            {
                var watch = Stopwatch.StartNew();
                hits[p] = index.Search(probes.AsSpan(p * options.Dimension, options.Dimension), 10)[0];
                latencies[p] = watch.Elapsed.TotalMilliseconds;
            }
            exactHits ??= spec == "exact" ? hits : null;
            var accuracy = exactHits is null || spec == "exact" ? ""
                : $"recall@10 vs exact {hits.Zip(exactHits, (h, e) => h.Ids.Intersect(e.Ids).Count() / 10.0).Average():F4}, " +
                  $"same rank-1 {hits.Zip(exactHits, (h, e) => h.Ids[0] == e.Ids[0]).Count(same => same) * 100.0 / hits.Length:F1} % (uniform probes); ";
            Array.Sort(latencies);
            index.Search(batch, 10);
            var rounds = Math.Max(1, options.Probes / options.Batch);
            var total = Stopwatch.StartNew();
            for (var r = 0; r < rounds; r++) index.Search(batch, 10);
            var qps = rounds * (batch.Length / options.Dimension) / total.Elapsed.TotalSeconds;
            var row = new BenchmarkRow(Section, size, spec, Percentile(latencies, 0.50), Percentile(latencies, 0.99), qps,
                $"{accuracy}{index.MemoryBytes / (double)(1 << 20):F0} MiB = {index.MemoryBytes / (size * (double)options.Dimension * sizeof(float)):F2}× the float32 bytes; " +
                $"batches of {batch.Length / options.Dimension}; {MachineLoad.Describe()}");
            log.WriteLine($"[{size}] {spec}: p50 {row.P50Ms:F1} ms, p99 {row.P99Ms:F1} ms, batch {qps:F0} q/s");
            rows.Add(row);
        }
        rows.Add(RunSharded(size, probes, options.Shards));
        // The fan-out widths' anchors: the same rows in that many in-process shards (no Orleans, no API).
        if (size == options.FanOutSize)
            foreach (var width in options.FanOut.Where(w => w != options.Shards))
                rows.Add(RunSharded(size, probes, width));
        return rows;
    }

    /// <summary>The name of the in-process sharded row for <paramref name="shards"/> shards of <paramref name="engine"/>.</summary>
    public static string ShardedName(string engine, int shards) => $"{engine}, {shards} shards in parallel";

    /// <summary>The silo's shape without the silo: the gallery split over <paramref name="shardCount"/>
    /// indexes of the end-to-end engine, each probe scanned by all of them at once on the thread pool (as GalleryShardGrain does)
    /// and the per-shard top-k merged. Separates the cost of sharding from the cost of Orleans and the network.</summary>
    private BenchmarkRow RunSharded(int size, float[] probes, int shardCount)
    {
        var shards = Enumerable.Range(0, shardCount).Select(_ => VectorIndexFactory.Create(options.Engine, options.Dimension)).ToArray();
        try
        {
            foreach (var (first, count, vectors) in BenchData.Gallery(options, size))
                for (var s = 0; s < shards.Length; s++)
                {
                    // Row i goes to shard i mod n: equal shards, like the silo's hash routing on average.
                    var mine = Enumerable.Range(0, count).Where(i => (first + i) % shards.Length == s).ToArray();
                    var part = new float[mine.Length * options.Dimension];
                    for (var j = 0; j < mine.Length; j++)
                        vectors.AsSpan(mine[j] * options.Dimension, options.Dimension).CopyTo(part.AsSpan(j * options.Dimension));
                    shards[s].Add(part, mine.Select(i => first + i).ToArray());
                }
            double SearchOnce(int p)
            {
                var probe = probes.AsSpan(p * options.Dimension, options.Dimension).ToArray();
                var watch = Stopwatch.StartNew();
                var parts = Task.WhenAll(shards.Select(index => Task.Run(() => index.Search(probe, 10)[0]))).GetAwaiter().GetResult();
                var merged = new TopKCollector(10);
                foreach (var hits in parts)
                    for (var i = 0; i < hits.Count; i++) merged.Offer(hits.Scores[i], hits.Ids[i]);
                return watch.Elapsed.TotalMilliseconds;
            }
            Quiet($"[{size}] sharded");
            for (var w = 0; w < WarmUp; w++) SearchOnce(w % options.Probes);
            var latencies = Enumerable.Range(0, options.Probes).Select(SearchOnce).ToArray();
            Array.Sort(latencies);
            var row = new BenchmarkRow(Section, size, ShardedName(options.Engine, shards.Length), Percentile(latencies, 0.50),
                Percentile(latencies, 0.99), null,
                $"{shards.Length} × {size / shards.Length:N0} rows, each shard's scan a thread-pool task (as in the silo); no Orleans; {MachineLoad.Describe()}");
            log.WriteLine($"[{size}] {row.Engine}: p50 {row.P50Ms:F1} ms, p99 {row.P99Ms:F1} ms");
            return row;
        }
        finally
        {
            foreach (var shard in shards) shard.Dispose();
        }
    }

    private void Quiet(string what) =>
        MachineLoad.WaitForQuiet(options.QuietLoad, TimeSpan.FromSeconds(options.QuietWaitSeconds), log, what);

    private IVectorIndex Fill(string spec, int size)
    {
        var index = VectorIndexFactory.Create(spec, options.Dimension);
        foreach (var (first, count, vectors) in BenchData.Gallery(options, size))
            index.Add(vectors, Enumerable.Range(0, count).Select(i => first + i).ToArray());
        return index;
    }

    private static double Percentile(double[] sorted, double quantile) => BenchData.Percentile(sorted, quantile);
}
