using System.Diagnostics;
using Grid.Client;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;

namespace Grid.Bench;

/// <summary>
/// The grid measured from a member force's seat: a GridClient in this process, the silo and Azurite in their
/// own processes (started with <c>./grid.sh up</c> when not already up). For each size: create
/// <c>NL-BENCH/bench-SIZE</c> (exact engine, <see cref="BenchmarkOptions.Shards"/> shards), enrol the in-process
/// benchmark's gallery (same seed, same generator) in batches — each call returns only once its rows are in
/// the shards' logs in blob storage — then time single probes and concurrent searches as the client sees them.
/// </summary>
public sealed class EndToEndBenchmarks(BenchmarkOptions options, TextWriter log)
{
    public const string ModelId = "synthetic-uniform";
    private const int WarmUp = 10;
    private const int K = 10;
    private const int DeadlineMs = 60_000;

    /// <summary>Benchmark searches state a purpose and are audited like any other.</summary>
    private static readonly SearchPurpose Purpose = new("system-evaluation", "BENCH", SubjectCategory.Suspect,
        "Latency benchmark on synthetic templates");

    public async Task<IReadOnlyList<EndToEndResult>> RunAsync()
    {
        var results = new List<EndToEndResult>();
        if (options.EndToEndSizes.Length == 0) return results;
        await using var grid = new GridHarness(log);
        await grid.EnsureUpAsync();
        await using var client = await GridHarness.ConnectAsync();
        foreach (var size in options.EndToEndSizes) results.Add(await RunSizeAsync(client, size));
        return results;
    }

    private async Task<EndToEndResult> RunSizeAsync(GridClient client, int size)
    {
        var gallery = await FreshGalleryAsync(client, size);
        await client.CreateGalleryAsync(gallery, new GalleryConfig("exact", options.Shards, ModelId, SubjectCategory.Suspect));
        log.WriteLine($"[e2e {size}] created {gallery} (exact, {options.Shards} shards); enrolling in batches of {options.EnrolBatch}");

        var (enrolled, enrolSeconds) = await EnrolAsync(client, gallery, size);
        var held = (await client.GetStatusAsync()).Galleries.Single(g => g.Info.Id == gallery).Templates;
        if (held != size)
            throw new InvalidOperationException($"{gallery} holds {held} templates after enrolling {size}.");
        log.WriteLine($"[e2e {size}] enrolled {enrolled:N0} in {enrolSeconds:F1} s = {enrolled / enrolSeconds:F0} templates/s");

        // A shard snapshots a dirty index every 5 minutes and blocks its searches while it writes: do it now,
        // outside the measurements, so it does not land in them.
        var snapshotClock = Stopwatch.StartNew();
        await client.SnapshotAsync(gallery);
        var snapshotSeconds = snapshotClock.Elapsed.TotalSeconds;
        log.WriteLine($"[e2e {size}] snapshot of all shards after enrolment: {snapshotSeconds:F1} s");

        var probes = BenchData.Probes(options);
        var partial = 0;
        async Task<double> SearchAsync(int p)
        {
            var request = new SearchRequest([gallery], probes.AsSpan(p * options.Dimension, options.Dimension).ToArray(), Purpose, ModelId, K, -1f, DeadlineMs);
            var timed = await client.SearchAsync(request);
            if (!timed.Response.Coverage.Complete || timed.Response.Candidates.Length != K) Interlocked.Increment(ref partial);
            return timed.LatencyMs;
        }

        MachineLoad.WaitForQuiet(options.QuietLoad, TimeSpan.FromSeconds(options.QuietWaitSeconds), log, $"[e2e {size}] search");
        for (var w = 0; w < WarmUp; w++) await SearchAsync(w % options.Probes);
        var latencies = new double[options.Probes];
        for (var p = 0; p < options.Probes; p++) latencies[p] = await SearchAsync(p);
        Array.Sort(latencies);
        var p50 = BenchData.Percentile(latencies, 0.50);
        var p99 = BenchData.Percentile(latencies, 0.99);
        var load = MachineLoad.Now();
        log.WriteLine($"[e2e {size}] single probe: p50 {p50:F1} ms, p99 {p99:F1} ms over {options.Probes} probes; {MachineLoad.Describe()}");

        var runs = new List<ConcurrentRun>();
        foreach (var inFlight in options.InFlight)
        {
            var times = new double[options.ConcurrentSearches];
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
            {
                for (int i; (i = Interlocked.Increment(ref next)) < times.Length;)
                    times[i] = await SearchAsync(i % options.Probes);
            })));
            var seconds = clock.Elapsed.TotalSeconds;
            Array.Sort(times);
            var run = new ConcurrentRun(inFlight, times.Length, times.Length / seconds,
                BenchData.Percentile(times, 0.50), BenchData.Percentile(times, 0.99));
            log.WriteLine($"[e2e {size}] {run.Searches} searches, {inFlight} in flight: {run.QueriesPerSecond:F1} q/s, " +
                          $"p50 {run.P50Ms:F1} ms, p99 {run.P99Ms:F1} ms");
            runs.Add(run);
        }

        var rss = GridHarness.SiloProcessId is { } pid ? GridHarness.ResidentBytes(pid) : null;
        if (partial > 0) log.WriteLine($"[e2e {size}] warning: {partial} searches came back partial or short");
        return new EndToEndResult(size, gallery.Key, options.Shards, enrolled, enrolSeconds, p50, p99, runs, partial, rss, load, snapshotSeconds);
    }

    /// <summary>Sends the gallery in batches, one acknowledged before the next (as <c>gridctl enrol</c> does).</summary>
    private async Task<(long Enrolled, double Seconds)> EnrolAsync(GridClient client, GalleryId gallery, int size)
    {
        long enrolled = 0;
        var generating = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        var nextReport = 100_000;
        foreach (var (first, count, vectors) in Timed(BenchData.Gallery(options, size), t => generating += t))
            for (var offset = 0; offset < count; offset += options.EnrolBatch)
            {
                var rows = Math.Min(options.EnrolBatch, count - offset);
                var refs = Enumerable.Range(0, rows).Select(i => BenchData.SubjectRef(first + offset + i)).ToArray();
                var batch = new EnrolBatch(refs, vectors.AsSpan(offset * options.Dimension, rows * options.Dimension).ToArray(), ModelId);
                var result = await client.EnrolAsync(gallery, batch);
                enrolled += result.Added;
                if (first + offset + rows >= nextReport)
                {
                    log.WriteLine($"[e2e {size}]   {first + offset + rows:N0} sent, {(total.Elapsed - generating).TotalSeconds:F1} s");
                    nextReport += 100_000;
                }
            }
        // Generating the synthetic rows is the bench's own work, not the grid's: it is left out of the rate.
        return (enrolled, (total.Elapsed - generating).TotalSeconds);
    }

    private static IEnumerable<T> Timed<T>(IEnumerable<T> source, Action<TimeSpan> spent)
    {
        using var e = source.GetEnumerator();
        while (true)
        {
            var watch = Stopwatch.StartNew();
            var more = e.MoveNext();
            spent(watch.Elapsed);
            if (!more) yield break;
            yield return e.Current;
        }
    }

    /// <summary><c>NL-BENCH/bench-SIZE</c>, or <c>NL-BENCH/bench-SIZE-2</c>, <c>-3</c>… when an earlier run left that gallery in storage.</summary>
    private static async Task<GalleryId> FreshGalleryAsync(GridClient client, int size)
    {
        for (var n = 1; ; n++)
        {
            var id = new GalleryId(GridHarness.BenchForce, n == 1 ? $"bench-{size}" : $"bench-{size}-{n}");
            if (await client.GetGalleryAsync(id) is null) return id;
        }
    }
}
