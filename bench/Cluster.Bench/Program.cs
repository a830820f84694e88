using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grid.Client;
using Grid.Cluster.Tests;
using Grid.Cluster.Tests.Harness;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;

// Cluster benchmark: search throughput / latency with 1, 2 and 3 silos on the same data, and the time for a
// killed silo's shards to answer again. Usage:
//   dotnet run --project bench/Cluster.Bench -c Release -- [--search-rows N] [--recover-rows N] [--seconds S] [--out FILE]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var opts = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a[2..], x => args[x.i + 1]);
var searchRows = int.Parse(opts.GetValueOrDefault("search-rows", "200000"));
var recoverRows = int.Parse(opts.GetValueOrDefault("recover-rows", "1000000"));
var seconds = double.Parse(opts.GetValueOrDefault("seconds", "15"));
var concurrency = int.Parse(opts.GetValueOrDefault("concurrency", "4"));
var outFile = opts.GetValueOrDefault("out", Path.Combine(LocalCluster.RepoRoot, "docs", "BENCHMARKS-CLUSTER.md"));
if (LocalCluster.MissingPrerequisite() is { } missing) { Console.Error.WriteLine(missing); return 2; }
const string Model = GalleryConfig.UnspecifiedModel;
const int Shards = 6;
var report = new StringBuilder();
var purpose = new SearchPurpose("organised-armed-robbery", "BENCH", SubjectCategory.Suspect, "Cluster benchmark searches on synthetic data");
var key = "";

await using (var cluster = new LocalCluster())
{
    await cluster.StartAzuriteAsync();
    var id = GalleryId.Parse("FR/bench");
    var probes = Synthetic.Gallery("p-", 64, seed: 99).Templates;

    // Load once with one silo; every configuration then reads the same blobs.
    await cluster.StartSiloAsync(0);
    key = await BenchUserKey(cluster);
    await using (var client = await Connect(cluster))
    {
        await client.CreateGalleryAsync(id, new GalleryConfig("exact", Shards, Model, SubjectCategory.Suspect));
        var clock = Stopwatch.StartNew();
        await Enrol(client, id, searchRows, seed: 7);
        Console.WriteLine($"enrolled {searchRows:N0} in {clock.Elapsed.TotalSeconds:0.0} s");
    }
    cluster.StopSilo(0); // graceful: every shard writes its snapshot

    report.AppendLine($"## Search with 1, 2 and 3 silos ({searchRows:N0} templates, exact engine, {Shards} shards, {concurrency} concurrent searches, k=10, {seconds:0} s each)");
    report.AppendLine();
    report.AppendLine("| silos | searches/s | p50 ms | p99 ms | shards per silo |");
    report.AppendLine("|---:|---:|---:|---:|---|");
    for (var n = 1; n <= 3; n++)
    {
        for (var i = 0; i < n; i++) await cluster.StartSiloAsync(i);
        await using var client = await Connect(cluster);
        await WaitActive(client, n);
        // Warm up: activations load snapshots; JIT.
        for (var w = 0; w < 20; w++) await client.SearchAsync(Request(id, probes, w));
        var spread = (await client.GetStatusAsync()).Galleries.Single(g => g.Info.Id == id).Shards
            .GroupBy(s => cluster.Silos.Values.First(x => x.Owns(s.Silo)).Index).OrderBy(g => g.Key).Select(g => g.Count());
        var latencies = new List<double>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = new List<double>();
            for (var q = worker; stop.Elapsed.TotalSeconds < seconds; q += concurrency)
            {
                var result = await client.SearchAsync(Request(id, probes, q));
                if (!result.Response.Coverage.Complete) throw new InvalidOperationException("incomplete coverage during the benchmark");
                mine.Add(result.LatencyMs);
            }
            lock (latencies) latencies.AddRange(mine);
        }));
        var elapsed = stop.Elapsed.TotalSeconds;
        latencies.Sort();
        var line = $"| {n} | {latencies.Count / elapsed:0.0} | {Pct(latencies, 0.50):0.0} | {Pct(latencies, 0.99):0.0} | {string.Join(" / ", spread)} |";
        Console.WriteLine(line);
        report.AppendLine(line);
        for (var i = 0; i < n; i++) cluster.StopSilo(i);
    }
    report.AppendLine();
}

if (recoverRows > 0)
    await using (var cluster = new LocalCluster())
    {
        // Recovery: two shared-pool silos; silo 1 is SIGKILLed; how long until its shards answer again on silo 0?
        await cluster.StartAzuriteAsync();
        await cluster.StartSiloAsync(0);
        key = await BenchUserKey(cluster);
        await cluster.StartSiloAsync(1);
        var id = GalleryId.Parse("FR/recover");
        await using var client = await Connect(cluster);
        await WaitActive(client, 2);
        await client.CreateGalleryAsync(id, new GalleryConfig("exact", 4, Model, SubjectCategory.Suspect));
        var clock = Stopwatch.StartNew();
        await Enrol(client, id, recoverRows, seed: 8);
        var enrolSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"enrolled {recoverRows:N0} in {enrolSeconds:0.0} s");
        var shards = (await client.GetStatusAsync()).Galleries.Single(g => g.Info.Id == id).Shards;
        var onVictim = shards.Where(s => cluster.Silos[1].Owns(s.Silo)).ToArray();
        var victimTemplates = onVictim.Sum(s => s.Templates);
        var probe = Synthetic.Gallery("p-", 1, seed: 5).Templates;

        cluster.KillSilo(1);
        clock.Restart();
        double? firstFailure = null;
        var searches = 0;
        var errors = new List<(double At, string Error)>();
        while (true)
        {
            searches++;
            SearchResponse response;
            try
            {
                response = (await client.SearchAsync(new SearchRequest([id], probe.Vectors, purpose, Model, 10, -1, 30_000))).Response;
            }
            catch (Exception e)
            {
                // Reported, not hidden: a search that errors instead of answering with partial coverage.
                errors.Add((clock.Elapsed.TotalSeconds, $"{e.GetType().Name}: {e.Message.Split('\n')[0][..Math.Min(160, e.Message.Split('\n')[0].Length)]}"));
                firstFailure ??= clock.Elapsed.TotalSeconds;
                if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw;
                continue;
            }
            if (!response.Coverage.Complete) firstFailure ??= clock.Elapsed.TotalSeconds;
            if (response.Coverage.Complete && firstFailure is not null) break;
            if (response.Coverage.Complete && clock.Elapsed > TimeSpan.FromSeconds(5)) break; // never saw the hole
            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("shards did not come back within 10 minutes");
            await Task.Delay(100);
        }
        var recovered = clock.Elapsed.TotalSeconds;
        var log = File.ReadAllText(Path.Combine(cluster.Folder, "silo-0.log"));
        var loads = log.Split('\n').Where(l => l.Contains("loaded epoch")).Select(l => l.Trim()).ToArray();
        report.AppendLine($"## Recovery of a SIGKILLed silo's shards ({recoverRows:N0} templates in 4 shards over 2 silos)");
        report.AppendLine();
        report.AppendLine($"- enrolment of {recoverRows:N0} templates (batches of {GridClient.DefaultBatchSize}, one client): {enrolSeconds:0.0} s ({recoverRows / enrolSeconds:N0} templates/s)");
        report.AppendLine($"- the killed silo held {onVictim.Length} shards with {victimTemplates:N0} templates ({victimTemplates * 2048.0 / (1 << 30):0.00} GiB of vectors), all still in their logs (no snapshot yet: the worst case, full log replay)");
        report.AppendLine($"- from SIGKILL to every shard answering again on the surviving silo: **{recovered:0.0} s** (membership declares the silo dead with `--liveness fast`, then the next call activates each shard, which reads its blobs)");
        report.AppendLine($"- surviving silo's activation log: {loads.Length} shard loads");
        report.AppendLine($"- searches sent during the failover: {searches}; answered (complete or with partial coverage): {searches - errors.Count}; " +
            (errors.Count == 0 ? "none failed" : $"{errors.Count} failed with an error ({string.Join(", ", errors.Select(e => e.Error).Distinct())}) between {errors[0].At:0.0} s and {errors[^1].At:0.0} s after the kill"));
        report.AppendLine();
        Console.WriteLine(report.ToString());
    }

var header = $"""
# Cluster benchmarks

Machine: {Environment.ProcessorCount} cores (load average at the end {LoadAverage()}), {Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9)} GB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}.
Produced by `dotnet run --project bench/Cluster.Bench -c Release -- --search-rows {searchRows} --recover-rows {recoverRows}`
({DateTime.UtcNow:yyyy-MM-dd}). Every silo, Azurite and the benchmark client share the same cores, so adding silos
here measures the **overhead** of spreading a gallery (more hops, more processes competing for 2 cores), not a
speed-up; on separate machines each silo brings its own cores and memory bandwidth, which is what the exact
engine's scan is bound by.


""";
File.WriteAllText(outFile, header + report);
Console.WriteLine($"wrote {outFile}");
return 0;

Task<GridClient> Connect(LocalCluster cluster) => ConnectAs(cluster, key);

static Task<GridClient> ConnectAs(LocalCluster cluster, string apiKey) =>
    GridClient.ConnectAsync(new GridClientOptions
    {
        Endpoint = cluster.ApiEndpoint(0),
        CaCertificateFile = cluster.Certificates.AuthorityFile,
        ConnectTimeout = TimeSpan.FromSeconds(60),
        ApiKey = apiKey,
    });

// The grid's first start writes the operator key; the operator makes force FR, whose admin makes the bench's user.
static async Task<string> BenchUserKey(LocalCluster cluster)
{
    for (var i = 0; i < 600 && !File.Exists(cluster.OperatorKeyFile); i++) await Task.Delay(100);
    await using var asOperator = await ConnectAs(cluster, ApiKeys.FromFile(cluster.OperatorKeyFile));
    var admin = await asOperator.CreateForceAsync("FR", "FR", "admin");
    await using var asAdmin = await ConnectAs(cluster, admin.Key);
    return (await asAdmin.AddUserAsync("FR", "bench", Role.Searcher | Role.Enroller | Role.ForceAdmin)).Key;
}

static async Task WaitActive(GridClient client, int count)
{
    for (var i = 0; i < 600; i++)
    {
        // Then a few seconds more: a silo hosts grain types only once the others have its grain manifest.
        if ((await client.GetStatusAsync()).Silos.Count(s => s.Status == "Active") == count) { await Task.Delay(5000); return; }
        await Task.Delay(200);
    }
    throw new TimeoutException($"{count} silos never became active");
}

static async Task Enrol(GridClient client, GalleryId id, int rows, int seed)
{
    const int chunk = 20_000; // generated piecewise: the client never holds the whole gallery
    for (var start = 0; start < rows; start += chunk)
    {
        var count = Math.Min(chunk, rows - start);
        var (subjects, templates) = Synthetic.Gallery($"s{seed}-{start / chunk}-", count, seed + start);
        await client.EnrolBulkAsync(id, subjects, templates, Model);
    }
}

SearchRequest Request(GalleryId id, Grid.Client.Files.TemplateSet probes, int q) =>
    new([id], probes.Slice(q % probes.Rows, 1), purpose, Model, 10, -1, 30_000);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
