using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Grid.Bench;

/// <summary>Writes benchmark rows to markdown, grouped by section, under a line describing the machine.
/// Text below <see cref="KeepMarker"/> in an existing report is hand-written and carried over unchanged.</summary>
public sealed class BenchmarkReport(BenchmarkOptions options)
{
    public const string KeepMarker = "<!-- Hand-written notes below this line are kept when Grid.Bench rewrites the file. -->";

    public string ToMarkdown(IReadOnlyList<BenchmarkRow> rows, IReadOnlyList<EndToEndResult> endToEnd, IEnumerable<string> findings, string? kept = null,
        IReadOnlyList<FanOutResult>? fanOut = null)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks").AppendLine();
        text.AppendLine($"Machine: {MachineLine()}").AppendLine();
        text.AppendLine("Load: the 1-minute load average when a row was measured is in its note (or the load column). This machine is shared " +
                        $"with other work; rows measured at a load above {Environment.ProcessorCount} (the core count) had to share cores and memory bandwidth " +
                        $"and are slower than the code is. Each phase first waits up to {options.QuietWaitSeconds} s for the load to fall to {options.QuietLoad:F1}.").AppendLine();
        text.AppendLine($"Command: `{options.CommandLine()}`").AppendLine();
        text.AppendLine($"Data: uniform random unit vectors, {options.Dimension}-d float32, seed {options.Seed}; probes from seed {options.Seed + 1}; " +
                        $"top-10; single-probe latency over {options.Probes} probes after a warm-up; batch = {options.Batch} probes in one call. " +
                        "The end-to-end galleries hold exactly the same vectors as the in-process indexes of the same size.").AppendLine();
        foreach (var section in rows.GroupBy(r => r.Section))
        {
            text.AppendLine($"## {section.Key}").AppendLine();
            text.AppendLine("| vectors | engine | p50 ms | p99 ms | batch queries/s | note |");
            text.AppendLine("|---:|---|---:|---:|---:|---|");
            foreach (var row in section)
                text.AppendLine($"| {row.Size:N0} | {row.Engine} | {Format(row.P50Ms)} | {Format(row.P99Ms)} | {Format(row.BatchQueriesPerSecond, "F0")} | {row.Note} |");
            text.AppendLine();
        }
        if (endToEnd.Count > 0) AppendEndToEnd(text, endToEnd);
        if (fanOut is { Count: > 0 }) AppendFanOut(text, fanOut, rows);
        AppendTargets(text, Targets.From(rows, endToEnd));
        text.AppendLine("## Findings").AppendLine();
        foreach (var finding in findings) text.AppendLine($"- {finding}");
        text.AppendLine().AppendLine(KeepMarker);
        if (!string.IsNullOrWhiteSpace(kept)) text.Append(kept);
        return text.ToString();
    }

    public void Write(IReadOnlyList<BenchmarkRow> rows, IReadOnlyList<EndToEndResult> endToEnd, IEnumerable<string> findings,
        IReadOnlyList<FanOutResult>? fanOut = null)
    {
        var path = Path.GetFullPath(options.Output);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string? kept = null;
        if (File.Exists(path))
        {
            var old = File.ReadAllText(path);
            var at = old.IndexOf(KeepMarker, StringComparison.Ordinal);
            if (at >= 0) kept = old[(at + KeepMarker.Length)..];
        }
        File.WriteAllText(path, ToMarkdown(rows, endToEnd, findings, kept, fanOut));
    }

    private void AppendEndToEnd(StringBuilder text, IReadOnlyList<EndToEndResult> results)
    {
        text.AppendLine($"## End to end (GridClient → HTTPS API → SearchCoordinator → shards, one silo, Azurite; engine {results[0].Engine})").AppendLine();
        text.AppendLine($"One silo (`./grid.sh up`, workstation concurrent GC) and Azurite on the same machine as the client. Enrolment: batches of {options.EnrolBatch:N0} " +
                        "templates, one acknowledged before the next; a batch is acknowledged only once its rows are in the shards' append logs " +
                        "in blob storage (Azurite), and the rate includes the snapshots the shards write when a log passes 256 MiB. " +
                        "After enrolment every shard is snapshotted (`GridClient.SnapshotAsync`, timed separately) so the shards' 5-minute " +
                        "periodic snapshot does not fall inside the search measurements. Latency is measured by the client (GridClient.SearchAsync), top-10, min score -1.").AppendLine();
        var inFlight = results[0].Concurrent.Select(c => c.InFlight).ToArray();
        text.Append("| vectors | gallery | shards | enrol templates/s | enrol s | snapshot s | p50 ms | p99 ms | load |");
        foreach (var n in inFlight) text.Append($" {n} in flight: q/s (p50 / p99 ms) |");
        text.AppendLine(" silo RSS |");
        text.Append("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var _ in inFlight) text.Append("---:|");
        text.AppendLine("---:|");
        foreach (var r in results)
        {
            text.Append($"| {r.Size:N0} | {r.Gallery} | {r.Shards} | {(r.EnrolSeconds > 0 ? r.EnrolPerSecond.ToString("F0") : "– (reused)")} | {r.EnrolSeconds:F1} | {r.SnapshotSeconds:F1} | {Format(r.P50Ms)} | {Format(r.P99Ms)} | {Format(r.LoadDuringSearch)} |");
            foreach (var c in r.Concurrent) text.Append($" {c.QueriesPerSecond:F1} ({c.P50Ms:F0} / {c.P99Ms:F0}) |");
            text.AppendLine($" {(r.SiloResidentBytes is { } b ? $"{b / (double)(1L << 30):F2} GiB" : "–")} |");
        }
        foreach (var r in results.Where(r => r.RestartToReadySeconds is not null))
            text.AppendLine().AppendLine($"Restart ({r.Size:N0} templates, `--restart`): `./grid.sh down` and `up`, first complete answer after " +
                                         $"{r.RestartToReadySeconds:F1} s; then single-probe p50 {Format(r.P50AfterRestartMs)} ms; silo RSS " +
                                         $"{(r.SiloResidentBytesAfterRestart is { } b ? $"{b / (double)(1L << 30):F2} GiB = {b / ((double)r.Size * options.Dimension * sizeof(float)):F2}× the float32 template bytes" : "–")}.");
        var searches = results[0].Concurrent.FirstOrDefault()?.Searches ?? options.ConcurrentSearches;
        text.AppendLine().AppendLine($"Concurrent columns: max({searches}, 10 × in flight) searches over the same probes with that many outstanding at a time " +
                                     "(`ConcurrentSearch`, the client code of `gridctl search --concurrency N`); " +
                                     $"partial or short results: {string.Join(", ", results.Select(r => $"{r.Size:N0}: {r.PartialResults}"))}.").AppendLine();
    }

    /// <summary>Issue 11 item 5: the same templates in ever more shards; what the API, the coordinator's fan-out and the
    /// merge add shows as the end-to-end p50 minus the in-process scan of the same shards.</summary>
    private void AppendFanOut(StringBuilder text, IReadOnlyList<FanOutResult> results, IReadOnlyList<BenchmarkRow> rows)
    {
        text.AppendLine($"## Wide fan-out ({results[0].Size:N0} templates, {options.Engine}, one silo, through the HTTPS API)").AppendLine();
        text.AppendLine("The same templates in one gallery per width (`--fanout`), single probes one at a time as the client sees them; the anchor " +
                        "is the same rows in that many in-process indexes scanned at once on the thread pool (no Orleans, no API).").AppendLine();
        text.AppendLine("| shards | gallery | p50 ms | p99 ms | in-process scan p50 ms | API + coordinator + merge ms | enrol s | load |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var anchor = Targets.Sharded(rows.Where(x => x.Section == EngineBenchmarks.Section && x.Size == r.Size), options.Engine, r.Shards);
            text.AppendLine($"| {r.Shards} | {r.Gallery} | {Format(r.P50Ms)} | {Format(r.P99Ms)} | {Format(anchor)} | " +
                            $"{Format(anchor is { } a ? r.P50Ms - a : null)} | {r.EnrolSeconds:F1} | {Format(r.Load)} |");
        }
        text.AppendLine();
    }

    private static void AppendTargets(StringBuilder text, IReadOnlyList<TargetCheck> checks)
    {
        if (checks.Count == 0) return;
        text.AppendLine("## Targets").AppendLine();
        text.AppendLine("| vectors | check | measured | ratio | target | verdict |");
        text.AppendLine("|---:|---|---|---:|---:|---|");
        foreach (var c in checks)
            text.AppendLine($"| {c.Size:N0} | {c.Check} | {c.Measured} | {c.Ratio:F2}× | ≤ {c.Limit:F2}× | " +
                            (c.Met ? "met" : $"**missed by {(c.Ratio / c.Limit - 1) * 100:F0} %**") + " |");
        text.AppendLine();
    }

    private static string Format(double? value, string format = "F1") =>
        value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";

    private static string MachineLine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal"))?.Split(':', 2)[1].Trim()
            : null;
        var gib = memory is null ? "?" : (long.Parse(memory.Split(' ')[0]) / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture);
        return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {gib} GiB RAM, " +
               $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {DateTime.UtcNow:yyyy-MM-dd}";
    }
}
