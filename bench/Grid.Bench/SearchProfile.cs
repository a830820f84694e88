using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Grid.Client.Http;
using Grid.DevCluster;

namespace Grid.Bench;

/// <summary>
/// Where a run of searches spends CPU and what the silo did for them: CPU seconds of the silo, this process (the
/// client) and Azurite from <c>/proc/PID/stat</c>, and from the silo's <c>/metrics</c> scrape (operator key) the
/// shard passes (how many searches each batch held), the audit group commits (records and time per storage write),
/// Orleans messages, the silo-side search time and the silo's runtime (allocation, GC, JIT, thread-pool work items). <see cref="Start"/> before the run, <see cref="Describe"/> after.
/// </summary>
public sealed class SearchProfile
{
    private static readonly LocalGridLayout Layout = LocalGridLayout.FromEnvironment(GridHarness.Root);

    private readonly (double Silo, double Client, double Azurite) _cpu;
    private readonly Dictionary<string, double> _metrics;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private SearchProfile((double, double, double) cpu, Dictionary<string, double> metrics)
    {
        _cpu = cpu;
        _metrics = metrics;
    }

    public static async Task<SearchProfile> Start() => new(Cpu(), await ScrapeAsync());

    /// <summary>One line per measure, per search, for <paramref name="searches"/> searches since <see cref="Start"/>.</summary>
    public async Task<string> Describe(int searches)
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var cpu = Cpu();
        var after = await ScrapeAsync();
        double Delta(string name) => after.GetValueOrDefault(name) - _metrics.GetValueOrDefault(name);
        double Per(double value) => value / Math.Max(1, searches);
        var silo = cpu.Silo - _cpu.Silo;
        var client = cpu.Client - _cpu.Client;
        var azurite = cpu.Azurite - _cpu.Azurite;
        var passes = Delta("grid_shard_pass_searches_count");
        var commits = Delta("grid_audit_commit_records_count");
        // Every grain call and response the silo's dispatcher took in, local ones included (one silo: all of them).
        var messages = Delta("orleans_messaging_processing_dispatcher_received_total");
        return string.Join(Environment.NewLine,
            $"CPU per search: silo {Per(silo) * 1000:F2} ms, client {Per(client) * 1000:F2} ms, Azurite {Per(azurite) * 1000:F2} ms " +
            $"(total {Per(silo + client + azurite) * 1000:F2} ms; {(silo + client + azurite) / seconds:F2} cores busy over {seconds:F1} s)",
            $"shard passes: {passes:F0} for {searches} searches, {Delta("grid_shard_pass_searches_sum") / Math.Max(1, passes):F1} searches per pass, " +
            $"{Delta("grid_shard_pass_duration_seconds_sum") / Math.Max(1, passes) * 1000:F2} ms per pass",
            $"audit: {commits:F0} group commits ({commits / seconds:F1}/s), {Delta("grid_audit_commit_records_sum") / Math.Max(1, commits):F1} records each, " +
            $"{Delta("grid_audit_commit_duration_seconds_sum") / Math.Max(1, commits) * 1000:F2} ms each",
            $"silo: search {Delta("grid_search_duration_seconds_sum") / Math.Max(1, Delta("grid_search_duration_seconds_count")) * 1000:F2} ms mean " +
            $"(coordinator in to out), HTTP request {Delta("http_server_request_duration_seconds_sum") / Math.Max(1, Delta("http_server_request_duration_seconds_count")) * 1000:F2} ms mean, " +
            $"Orleans messages dispatched {Per(messages):F1} per search",
            // .NET's System.Runtime meter in the silo: what the fixed cost is made of besides the code's own work.
            $"silo runtime: allocated {Per(Delta("dotnet_gc_heap_total_allocated_bytes_total")) / 1024:F1} KiB per search, " +
            $"{Delta("dotnet_gc_collections_total"):F0} GCs ({Per(Delta("dotnet_gc_pause_time_seconds_total")) * 1000:F3} ms paused per search), " +
            $"{Delta("dotnet_jit_compiled_methods_total"):F0} methods JIT-compiled ({Per(Delta("dotnet_jit_compilation_time_seconds_total")) * 1000:F3} ms per search), " +
            $"{Per(Delta("dotnet_thread_pool_work_item_count_total")):F1} thread-pool work items and {Per(Delta("dotnet_monitor_lock_contentions_total")):F2} lock contentions per search");
    }

    /// <summary>CPU seconds so far of the silo, this process and Azurite (0 for a process not found).</summary>
    internal static (double Silo, double Client, double Azurite) Cpu() =>
        (CpuSeconds(Layout.RunningPid("silo-0")), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, CpuSeconds(Layout.RunningPid("azurite")));

    private static double CpuSeconds(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat")) return 0;
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /// <summary>The silo's Prometheus text, summed per series name over all label sets (empty when it cannot be read).</summary>
    internal static async Task<Dictionary<string, double>> ScrapeAsync()
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!File.Exists(Layout.OperatorKeyFile) || !File.Exists(Layout.CaFile)) return sums;
        using var http = new HttpClient(GridHttp.CreatePrimaryHandler(X509CertificateLoader.LoadCertificateFromFile(Layout.CaFile)));
        http.BaseAddress = Layout.ApiUrl();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Layout.OperatorKeyFile).Trim());
        string text;
        try
        {
            text = await http.GetStringAsync("/metrics");
        }
        catch (HttpRequestException)
        {
            return sums;
        }
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            // name{labels} value [timestamp]: labels may hold spaces, so read past the closing brace.
            var brace = line.IndexOf('{');
            var end = brace > 0 ? line.IndexOf('}', brace) + 1 : line.IndexOf(' ');
            if (end <= 0 || end >= line.Length) continue;
            var name = brace > 0 ? line[..brace] : line[..end];
            var fields = line[end..].Trim().Split(' ');
            if (double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                sums[name] = sums.GetValueOrDefault(name) + value;
        }
        return sums;
    }
}
