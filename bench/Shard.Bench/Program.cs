using System.Diagnostics;
using Grid.Grains.Galleries;

// Micro-batching at one shard, in process (no Orleans, no storage): N searches in flight against one ShardState,
// answered one pass per search (before), one scan per search in parallel (the old grain), or batched passes.
// Usage: Grid.Shard.Bench [rows=100000] [inFlight=32] [perClient=8] [engine=exact]
const int Dimension = 512;
var rows = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var inFlight = args.Length > 1 ? int.Parse(args[1]) : 32;
var perClient = args.Length > 2 ? int.Parse(args[2]) : 8;
var engine = args.Length > 3 ? args[3] : "exact";

using var state = ShardState.Empty(engine, Dimension);
var random = new Random(1);
state.Apply(state.PlanEnrolment([.. Enumerable.Range(0, rows).Select(i => $"S-{i}")], UnitRows(rows))!);
var probes = Enumerable.Range(0, inFlight * perClient).Select(_ => UnitRows(1)).ToArray();
Console.WriteLine($"rows={rows} engine={engine} inFlight={inFlight} searches={probes.Length} k=10 load={File.ReadAllText("/proc/loadavg").Trim()}");

await RunAsync("scan per search, in parallel (before)", probe => Task.Run(() => state.Search(probe, 10, -1f)));
foreach (var maxBatch in new[] { 1, inFlight })
{
    var batcher = new ShardSearchBatcher(state.SearchBatch, new ShardSearchOptions { MaxBatch = maxBatch }, TimeProvider.System);
    await RunAsync($"batcher MaxBatch={maxBatch}", probe => batcher.SearchAsync(new ShardQuery(probe, 10, -1f)));
    Console.WriteLine($"  passes={batcher.Totals.Passes}");
}

async Task RunAsync(string name, Func<float[], Task> search)
{
    var latencies = new List<double>();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, inFlight).Select(c => Task.Run(async () =>
    {
        for (var j = 0; j < perClient; j++)
        {
            var one = Stopwatch.StartNew();
            await search(probes[c * perClient + j]);
            lock (latencies) latencies.Add(one.Elapsed.TotalMilliseconds);
        }
    })));
    var seconds = clock.Elapsed.TotalSeconds;
    latencies.Sort();
    Console.WriteLine($"{name}: {probes.Length / seconds:F1} searches/s, p50 {latencies[latencies.Count / 2]:F1} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F1} ms");
}

float[] UnitRows(int n)
{
    var v = new float[n * Dimension];
    for (var r = 0; r < n; r++)
    {
        var row = v.AsSpan(r * Dimension, Dimension);
        var sum = 0.0;
        for (var i = 0; i < Dimension; i++)
        {
            row[i] = (float)(random.NextDouble() * 2 - 1);
            sum += row[i] * row[i];
        }
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < Dimension; i++) row[i] *= scale;
    }
    return v;
}
