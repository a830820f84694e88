using System.Diagnostics;
using Grid.Client;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;

namespace Grid.Bench;

/// <summary>
/// The grid measured from a member force's seat: a GridClient in this process, the silo and Azurite in their
/// own processes (started with <c>./grid.sh up</c> when not already up). For each size: create
/// <c>NL-BENCH/bench-SIZE</c> (<see cref="BenchmarkOptions.Engine"/>, <see cref="BenchmarkOptions.Shards"/> shards), enrol the in-process
/// benchmark's gallery (same seed, same generator) in batches — each call returns only once its rows are in
/// the shards' logs in blob storage — then time single probes and concurrent searches as the client sees them.
/// </summary>
public sealed class EndToEndBenchmarks(BenchmarkOptions options, TextWriter log)
{
    public const string ModelId = "synthetic-uniform";
    /// <summary>Warm-up lasts at least this long as well as <see cref="BenchmarkOptions.WarmUp"/> probes: tiered JIT
    /// promotes a method only after 30 calls and a quiet 100 ms, in the background.</summary>
    private static readonly TimeSpan MinWarmUp = TimeSpan.FromSeconds(5);

    private const int WarmUpRound = 50;
    private const int MaxWarmUpRounds = 60;

    /// <summary>A warm-up round during which the silo JIT-compiled at most this many methods counts as warm (timers and
    /// housekeeping compile a few now and then).</summary>
    private const int WarmUpJitQuiet = 5;

    /// <summary>Rounds of the untimed warm-up before each concurrent run (<see cref="ConcurrentWarmUpAsync"/>).</summary>
    private const int MaxConcurrentWarmUpRounds = 10;
    private const int K = 10;
    private const int DeadlineMs = 60_000;

    /// <summary>Benchmark searches state a purpose and are audited like any other.</summary>
    private static readonly SearchPurpose Purpose = new("system-evaluation", "BENCH", SubjectCategory.Suspect,
        "Latency benchmark on synthetic templates");

    /// <summary>The wide fan-out widths measured by the last <see cref="RunAsync"/> (empty without <c>--fanout</c>).</summary>
    public List<FanOutResult> FanOutResults { get; } = [];

    public async Task<IReadOnlyList<EndToEndResult>> RunAsync()
    {
        var results = new List<EndToEndResult>();
        if (options.EndToEndSizes.Length == 0 && options.FanOut.Length == 0) return results;
        await using var grid = new GridHarness(log);
        await grid.EnsureUpAsync();
        await using var client = await GridHarness.ConnectAsync();
        var made = new Dictionary<(int Size, int Shards), (GalleryId Gallery, double EnrolSeconds)>();
        foreach (var size in options.EndToEndSizes) results.Add(await RunSizeAsync(client, size, made));
        if (options.Restart && results.Count > 0)
        {
            if (!grid.StartedHere) log.WriteLine("restart: skipped, the grid was already up when this run began (run with the grid down)");
            else results[^1] = await RestartAsync(grid, results[^1]);
        }
        foreach (var width in options.FanOut) FanOutResults.Add(await RunFanOutAsync(client, width, made));
        return results;
    }

    /// <summary>Restart to ready: grid down and up, then searches until one answers from every shard (the shards load
    /// their snapshots on activation); then single probes again and the silo's resident memory.</summary>
    private async Task<EndToEndResult> RestartAsync(GridHarness grid, EndToEndResult before)
    {
        var gallery = GalleryId.Parse(before.Gallery);
        var probes = BenchData.Probes(options);
        var clock = Stopwatch.StartNew();
        await grid.RestartAsync();
        await using var client = await GridHarness.ConnectAsync();
        await WaitUntilReadyAsync(client, gallery, probes, "[restart]");
        var ready = clock.Elapsed.TotalSeconds;
        log.WriteLine($"[restart] {before.Size:N0} templates: restart to first complete answer {ready:F1} s");
        var (p50, _, _, _) = await SingleProbesAsync(client, gallery, "[restart]");
        var rss = GridHarness.SiloProcessId is { } pid ? GridHarness.ResidentBytes(pid) : null;
        log.WriteLine($"[restart] single probe p50 {p50:F1} ms; silo RSS {(rss ?? 0) / (double)(1L << 30):F2} GiB");
        return before with { RestartToReadySeconds = ready, P50AfterRestartMs = p50, SiloResidentBytesAfterRestart = rss };
    }

    /// <summary>Searches until one answers from every shard of <paramref name="gallery"/> (its shards load their snapshots
    /// on activation, which a search triggers; a status call does not), for at most 30 minutes.</summary>
    private async Task WaitUntilReadyAsync(GridClient client, GalleryId gallery, float[] probes, string tag)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await client.SearchAsync(Request(gallery, probes, 0))).Response.Coverage.Complete) return;
                log.WriteLine($"{tag} not ready yet: partial coverage after {clock.Elapsed.TotalSeconds:F0} s");
            }
            catch (GridException e) when (clock.Elapsed < TimeSpan.FromMinutes(30))
            {
                log.WriteLine($"{tag} not ready yet: {e.Code}");
                await Task.Delay(1000);
            }
        }
    }

    /// <summary>One fan-out width: the same templates in <paramref name="width"/> shards (the end-to-end gallery is reused
    /// where it has that size and width), single probes timed as the client sees them.</summary>
    private async Task<FanOutResult> RunFanOutAsync(GridClient client, int width, Dictionary<(int, int), (GalleryId Gallery, double EnrolSeconds)> made)
    {
        var size = options.FanOutSize;
        if (!made.TryGetValue((size, width), out var existing))
        {
            existing = await FilledGalleryAsync(client, size, width, $"fanout {width}");
            made[(size, width)] = existing;
            await client.SnapshotAsync(existing.Gallery); // as for the end-to-end gallery: no periodic snapshot inside the timings
        }

        var (p50, p99, _, load) = await SingleProbesAsync(client, existing.Gallery, $"[fanout {width}]");
        log.WriteLine($"[fanout {width}] {size:N0} templates in {width} shards: p50 {p50:F1} ms, p99 {p99:F1} ms");
        return new FanOutResult(size, width, existing.Gallery.Key, p50, p99, existing.EnrolSeconds, load);
    }

    private async Task<(GalleryId Gallery, double EnrolSeconds)> FilledGalleryAsync(GridClient client, int size, int shards, string tag)
    {
        var gallery = await FreshGalleryAsync(client, size, shards == options.Shards ? "" : $"-w{shards}");
        await client.CreateGalleryAsync(gallery, new GalleryConfig(options.Engine, shards, ModelId, SubjectCategory.Suspect));
        log.WriteLine($"[{tag}] created {gallery} ({options.Engine}, {shards} shards); enrolling in batches of {options.EnrolBatch}");
        var (enrolled, enrolSeconds) = await EnrolAsync(client, gallery, size);
        var held = (await client.GetStatusAsync()).Galleries.Single(g => g.Info.Id == gallery).Templates;
        if (held != size)
            throw new InvalidOperationException($"{gallery} holds {held} templates after enrolling {size}.");
        log.WriteLine($"[{tag}] enrolled {enrolled:N0} in {enrolSeconds:F1} s = {enrolled / enrolSeconds:F0} templates/s");
        return (gallery, enrolSeconds);
    }

    private SearchRequest Request(GalleryId gallery, float[] probes, int p) =>
        new([gallery], probes.AsSpan(p * options.Dimension, options.Dimension).ToArray(), Purpose, ModelId, K, -1f, DeadlineMs);

    /// <summary>Settle (<see cref="Settling"/>), warm up, settle again, then <see cref="BenchmarkOptions.Probes"/> single
    /// probes one at a time. Every search is a full search (audited, merged, answered): nothing is skipped per search.</summary>
    private async Task<(double P50, double P99, int Partial, double? Load)> SingleProbesAsync(GridClient client, GalleryId gallery, string tag)
    {
        var probes = BenchData.Probes(options);
        var partial = 0;
        Settling.CollectOwnGarbage(log, tag);
        await Settling.WaitForIdleGridAsync(log, tag, "before warm-up");
        MachineLoad.WaitForQuiet(options.QuietLoad, TimeSpan.FromSeconds(options.QuietWaitSeconds), log, $"{tag} search");
        await WarmUpAsync(client, gallery, probes, tag);
        // Tier-1 code is compiled on a background thread after the calls that asked for it: let it finish.
        await Settling.WaitForIdleGridAsync(log, tag, "after warm-up");
        var latencies = new double[options.Probes];
        var profile = await SearchProfile.Start();
        for (var p = 0; p < options.Probes; p++)
        {
            var timed = await client.SearchAsync(Request(gallery, probes, p));
            if (!timed.Response.Coverage.Complete || timed.Response.Candidates.Length != K) partial++;
            latencies[p] = timed.LatencyMs;
        }
        log.WriteLine(Indent(tag + " one at a time: ", await profile.Describe(options.Probes)));
        Array.Sort(latencies);
        return (BenchData.Percentile(latencies, 0.50), BenchData.Percentile(latencies, 0.99), partial, MachineLoad.Now());
    }

    /// <summary>Single probes of the same shape as the timed ones (the one-probe scan has its own code path, not the
    /// batched one), in rounds of <see cref="WarmUpRound"/>, at least <see cref="BenchmarkOptions.WarmUp"/> probes and
    /// <see cref="MinWarmUp"/>, until a round makes the silo compile no more than <see cref="WarmUpJitQuiet"/> methods
    /// (its <c>dotnet.jit.compiled_methods</c>; a cold silo falls from ~200 ms to ~7 ms of CPU per search as tiered JIT
    /// finishes, with long plateaus on the way, so CPU per search alone is not a safe sign), at most
    /// <see cref="MaxWarmUpRounds"/> rounds. Prints each round's silo CPU per search and methods compiled.</summary>
    private async Task WarmUpAsync(GridClient client, GalleryId gallery, float[] probes, string tag)
    {
        var clock = Stopwatch.StartNew();
        var rounds = new List<(double CpuMs, double Jitted)>();
        var n = 0;
        const string Jit = "dotnet_jit_compiled_methods_total";
        while (rounds.Count < MaxWarmUpRounds)
        {
            var cpu = SearchProfile.Cpu().Silo;
            var jit = (await SearchProfile.ScrapeAsync()).GetValueOrDefault(Jit, double.NaN);
            for (var i = 0; i < WarmUpRound; i++, n++)
                await client.SearchAsync(Request(gallery, probes, options.Probes - 1 - n % options.Probes));
            var jitted = (await SearchProfile.ScrapeAsync()).GetValueOrDefault(Jit, double.NaN) - jit;
            rounds.Add(((SearchProfile.Cpu().Silo - cpu) / WarmUpRound * 1000, jitted));
            // A silo without the runtime meter (NaN) warms for the stated minimum only.
            if ((double.IsNaN(jitted) || jitted <= WarmUpJitQuiet) && n >= options.WarmUp && clock.Elapsed >= MinWarmUp) break;
        }
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        log.WriteLine($"{tag} warm-up: {n} single probes in {clock.Elapsed.TotalSeconds:F1} s; per round of {WarmUpRound}, silo CPU per search " +
                      "(ms) / methods JIT-compiled: " + string.Join(", ", rounds.Select(r => $"{r.CpuMs.ToString("F1", inv)}/{r.Jitted:F0}")) +
                      (rounds.Count >= MaxWarmUpRounds ? " (round limit reached: the JIT was still busy)" : ""));
    }

    /// <summary>Before a concurrent run, searches at the same number in flight, untimed: its paths (shard passes of many
    /// probes, audit groups of many records, the thread pool under load) are not the single probe's, and a silo warmed on
    /// single probes alone still compiled 300–400 methods in its first run of 3,000 searches at 32 in flight, 0.4 ms of
    /// JIT per search (a fifth of the silo's CPU on a 20,000-row gallery). Rounds of ten searches per search in flight
    /// (at least 100) until a round compiles no more methods per search than the single-probe warm-up's quiet
    /// (<see cref="WarmUpJitQuiet"/> a round of <see cref="WarmUpRound"/>), at most <see cref="MaxConcurrentWarmUpRounds"/>.</summary>
    private async Task ConcurrentWarmUpAsync(GridClient client, GalleryId gallery, float[] probes, int inFlight, string tag)
    {
        const string Jit = "dotnet_jit_compiled_methods_total";
        var clock = Stopwatch.StartNew();
        var perRound = Math.Max(100, 10 * inFlight);
        var rounds = new List<double>();
        while (rounds.Count < MaxConcurrentWarmUpRounds)
        {
            var jit = (await SearchProfile.ScrapeAsync()).GetValueOrDefault(Jit, double.NaN);
            var requests = Enumerable.Range(0, perRound).Select(i => Request(gallery, probes, options.Probes - 1 - i % options.Probes)).ToArray();
            await ConcurrentSearch.RunAsync(client, requests, inFlight, (_, _, _) => { });
            var jitted = (await SearchProfile.ScrapeAsync()).GetValueOrDefault(Jit, double.NaN) - jit;
            rounds.Add(jitted);
            if (double.IsNaN(jitted) || jitted <= (double)WarmUpJitQuiet * perRound / WarmUpRound) break;
        }
        log.WriteLine($"{tag} warm-up at {inFlight} in flight: {rounds.Count * perRound} searches in {clock.Elapsed.TotalSeconds:F1} s; " +
                      $"methods JIT-compiled per round of {perRound}: {string.Join(", ", rounds.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}" +
                      (rounds.Count >= MaxConcurrentWarmUpRounds ? " (round limit reached: the JIT was still busy)" : ""));
    }

    private async Task<EndToEndResult> RunSizeAsync(GridClient client, int size, Dictionary<(int, int), (GalleryId Gallery, double EnrolSeconds)> made)
    {
        GalleryId gallery;
        double enrolSeconds = 0, snapshotSeconds = 0;
        if (options.ReuseGallery is { } reuse)
        {
            gallery = GalleryId.Parse(reuse);
            var loading = Stopwatch.StartNew();
            await WaitUntilReadyAsync(client, gallery, BenchData.Probes(options), $"[e2e {size}]");
            log.WriteLine($"[e2e {size}] {gallery} ready (every shard answering) {loading.Elapsed.TotalSeconds:F1} s after the first search");
            var held = (await client.GetStatusAsync()).Galleries.Single(g => g.Info.Id == gallery).Templates;
            if (held != size) throw new InvalidOperationException($"{gallery} holds {held} templates, not {size}.");
            log.WriteLine($"[e2e {size}] searching the existing {gallery} ({held:N0} templates); no enrolment this run");
        }
        else
        {
            (gallery, enrolSeconds) = made[(size, options.Shards)] = await FilledGalleryAsync(client, size, options.Shards, $"e2e {size}");

            // A shard snapshots a dirty index every 5 minutes and blocks its searches while it writes: do it now,
            // outside the measurements, so it does not land in them.
            var snapshotClock = Stopwatch.StartNew();
            await client.SnapshotAsync(gallery);
            snapshotSeconds = snapshotClock.Elapsed.TotalSeconds;
            log.WriteLine($"[e2e {size}] snapshot of all shards after enrolment: {snapshotSeconds:F1} s");
        }
        var enrolled = (long)size;

        var probes = BenchData.Probes(options);
        var (p50, p99, partial, load) = await SingleProbesAsync(client, gallery, $"[e2e {size}]");
        log.WriteLine($"[e2e {size}] single probe: p50 {p50:F1} ms, p99 {p99:F1} ms over {options.Probes} probes; {MachineLoad.Describe()}");

        // Many in flight: the client code of `gridctl search --concurrency N` (ConcurrentSearch), at least ten searches each.
        var runs = new List<ConcurrentRun>();
        foreach (var inFlight in options.InFlight)
        {
            var count = Math.Max(options.ConcurrentSearches, 10 * inFlight);
            var requests = Enumerable.Range(0, count).Select(i => Request(gallery, probes, i % options.Probes)).ToArray();
            if (inFlight > 1) await ConcurrentWarmUpAsync(client, gallery, probes, inFlight, $"[e2e {size}]");
            var profile = await SearchProfile.Start();
            var summary = await ConcurrentSearch.RunAsync(client, requests, inFlight, (_, answer, _) =>
            {
                if (answer is null || !answer.Response.Coverage.Complete || answer.Response.Candidates.Length != K) Interlocked.Increment(ref partial);
            });
            var run = new ConcurrentRun(inFlight, count, summary.SearchesPerSecond, summary.P50Ms, summary.P99Ms);
            log.WriteLine($"[e2e {size}] {run.Searches} searches, {inFlight} in flight: {run.QueriesPerSecond:F1} q/s, " +
                          $"p50 {run.P50Ms:F1} ms, p99 {run.P99Ms:F1} ms, {summary.Failures} failed");
            log.WriteLine(Indent($"[e2e {size}] {inFlight} in flight: ", await profile.Describe(count)));
            runs.Add(run);
        }

        var rss = GridHarness.SiloProcessId is { } pid ? GridHarness.ResidentBytes(pid) : null;
        if (partial > 0) log.WriteLine($"[e2e {size}] warning: {partial} searches came back partial or short");
        return new EndToEndResult(size, gallery.Key, options.Shards, enrolled, enrolSeconds, p50, p99, runs, partial, rss, load, snapshotSeconds, options.Engine);
    }

    private static string Indent(string prefix, string lines) =>
        string.Join(Environment.NewLine, lines.Split(Environment.NewLine).Select(l => prefix + l));

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
    private static async Task<GalleryId> FreshGalleryAsync(GridClient client, int size, string suffix = "")
    {
        for (var n = 1; ; n++)
        {
            var id = new GalleryId(GridHarness.BenchForce, n == 1 ? $"bench-{size}{suffix}" : $"bench-{size}{suffix}-{n}");
            if (await client.GetGalleryAsync(id) is null) return id;
        }
    }
}
