using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Grid.Bench;

/// <summary>Writes benchmark rows to markdown, grouped by section, under a line describing the machine.</summary>
public sealed class BenchmarkReport(BenchmarkOptions options)
{
    public string ToMarkdown(IReadOnlyList<BenchmarkRow> rows, IEnumerable<string> findings)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks").AppendLine();
        text.AppendLine($"Machine: {MachineLine()}").AppendLine();
        text.AppendLine($"Command: `dotnet run -c Release --project bench/Grid.Bench -- --sizes {string.Join(',', options.Sizes)} " +
                        $"--probes {options.Probes} --batch {options.Batch} --out {options.Output}`").AppendLine();
        text.AppendLine($"Data: uniform random unit vectors, {options.Dimension}-d float32, seed {options.Seed}; probes from seed {options.Seed + 1}; " +
                        $"top-10; single-probe latency over {options.Probes} probes after a warm-up; batch = {options.Batch} probes in one call.").AppendLine();
        foreach (var section in rows.GroupBy(r => r.Section))
        {
            text.AppendLine($"## {section.Key}").AppendLine();
            text.AppendLine("| vectors | engine | p50 ms | p99 ms | batch queries/s | note |");
            text.AppendLine("|---:|---|---:|---:|---:|---|");
            foreach (var row in section)
                text.AppendLine($"| {row.Size:N0} | {row.Engine} | {Format(row.P50Ms)} | {Format(row.P99Ms)} | {Format(row.BatchQueriesPerSecond, "F0")} | {row.Note} |");
            text.AppendLine();
        }
        text.AppendLine("## Findings").AppendLine();
        foreach (var finding in findings) text.AppendLine($"- {finding}");
        return text.ToString();
    }

    public void Write(IReadOnlyList<BenchmarkRow> rows, IEnumerable<string> findings)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        File.WriteAllText(options.Output, ToMarkdown(rows, findings));
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
