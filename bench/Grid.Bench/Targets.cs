namespace Grid.Bench;

/// <summary>The benchmark targets: the exact engine against the memory-read floor, and the grid against the engine.</summary>
public static class Targets
{
    /// <summary>In-process exact p50 ≤ this × the all-core plain read of the same bytes.</summary>
    public const double ExactOverRead = 1.3;

    /// <summary>End-to-end p50 (client-measured, sharded, through Orleans) ≤ this × in-process exact p50.</summary>
    public const double EndToEndOverInProcess = 1.15;

    /// <summary>Issue 11: exact-int8 single-probe p50 ≤ this × the all-core float32 plain read.</summary>
    public const double Int8OverFloatRead = 0.5;

    /// <summary>Issue 11: exact-int8 batch rate ≥ 2× FAISS Flat's, i.e. FAISS's rate / exact-int8's ≤ 0.5.</summary>
    public const double FaissBatchOverInt8Batch = 0.5;

    public static IReadOnlyList<TargetCheck> From(IReadOnlyList<BenchmarkRow> rows, IReadOnlyList<EndToEndResult> endToEnd)
    {
        var checks = new List<TargetCheck>();
        foreach (var size in rows.Where(r => r.Section == EngineBenchmarks.Section).GroupBy(r => r.Size))
        {
            if (Exact(size) is { } exact && AllCoreRead(size) is { P50Ms: { } read } readRow)
                checks.Add(new(size.Key, $"in-process exact p50 / {readRow.Engine}", $"{exact:F1} / {read:F1} ms", exact / read, ExactOverRead));
            var int8 = size.FirstOrDefault(r => r.Engine == "exact-int8");
            if (int8?.P50Ms is { } p50 && AllCoreRead(size) is { P50Ms: { } floatRead } floatRow)
                checks.Add(new(size.Key, $"in-process exact-int8 p50 / {floatRow.Engine} (float32)", $"{p50:F1} / {floatRead:F1} ms", p50 / floatRead, Int8OverFloatRead));
            if (int8?.BatchQueriesPerSecond is { } int8Rate && size.FirstOrDefault(r => r.Engine.StartsWith("faiss:"))?.BatchQueriesPerSecond is { } faissRate)
                checks.Add(new(size.Key, "FAISS Flat batch rate / exact-int8 batch rate", $"{faissRate:F0} / {int8Rate:F0} q/s", faissRate / int8Rate, FaissBatchOverInt8Batch));
        }
        foreach (var r in endToEnd)
        {
            if (Exact(rows.Where(x => x.Section == EngineBenchmarks.Section && x.Size == r.Size)) is { } exact)
                checks.Add(new(r.Size, "end-to-end p50 / in-process exact p50", $"{r.P50Ms:F1} / {exact:F1} ms", r.P50Ms / exact, EndToEndOverInProcess));
        }
        return checks;
    }

    public static double? Exact(IEnumerable<BenchmarkRow> size) => size.FirstOrDefault(r => r.Engine == "exact")?.P50Ms;

    public static double? Sharded(IEnumerable<BenchmarkRow> size) =>
        size.FirstOrDefault(r => r.Engine.StartsWith("exact, ", StringComparison.Ordinal))?.P50Ms;

    public static BenchmarkRow? AllCoreRead(IEnumerable<BenchmarkRow> size) =>
        size.FirstOrDefault(r => r.Engine.StartsWith("plain read,", StringComparison.Ordinal) && !r.Engine.Contains("1 thread"));
}
