namespace Grid.Bench;

/// <summary>The benchmark targets: the exact engine against the memory-read floor, and the grid against the engine.</summary>
public static class Targets
{
    /// <summary>In-process exact p50 ≤ this × the all-core plain read of the same bytes.</summary>
    public const double ExactOverRead = 1.3;

    /// <summary>End-to-end p50 (client-measured, sharded, through Orleans) ≤ this × in-process exact p50.</summary>
    public const double EndToEndOverInProcess = 1.15;

    /// <summary>Issue 8: end-to-end p50 through the HTTPS API ≤ this × the in-process scan of the same shards.</summary>
    public const double ApiOverSharded = 1.10;

    /// <summary>Issue 11: with this many searches in flight through the API ...</summary>
    public const int ManyInFlight = 32;

    /// <summary>... at least this many searches/s ...</summary>
    public const double ManyInFlightRate = 300;

    /// <summary>... with p99 at most this many ms.</summary>
    public const double ManyInFlightP99Ms = 300;

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
            var size = rows.Where(x => x.Section == EngineBenchmarks.Section && x.Size == r.Size).ToArray();
            if (Exact(size) is { } exact)
                checks.Add(new(r.Size, "end-to-end p50 / in-process exact p50", $"{r.P50Ms:F1} / {exact:F1} ms", r.P50Ms / exact, EndToEndOverInProcess));
            if (Sharded(size, r.Engine, r.Shards) is { } sharded)
                checks.Add(new(r.Size, $"API p50 / in-process {r.Engine} {r.Shards}-shard scan p50", $"{r.P50Ms:F1} / {sharded:F1} ms", r.P50Ms / sharded, ApiOverSharded));
            if (r.Concurrent.FirstOrDefault(c => c.InFlight == ManyInFlight) is { } many)
            {
                checks.Add(new(r.Size, $"{ManyInFlight} in flight: {ManyInFlightRate:F0} q/s target / measured", $"{many.QueriesPerSecond:F1} q/s",
                    ManyInFlightRate / many.QueriesPerSecond, 1.0));
                checks.Add(new(r.Size, $"{ManyInFlight} in flight: p99 / {ManyInFlightP99Ms:F0} ms", $"{many.P99Ms:F1} ms", many.P99Ms / ManyInFlightP99Ms, 1.0));
            }
        }
        return checks;
    }

    public static double? Exact(IEnumerable<BenchmarkRow> size) => size.FirstOrDefault(r => r.Engine == "exact")?.P50Ms;

    public static double? Sharded(IEnumerable<BenchmarkRow> size, string engine, int shards) =>
        size.FirstOrDefault(r => r.Engine == EngineBenchmarks.ShardedName(engine, shards))?.P50Ms;

    public static BenchmarkRow? AllCoreRead(IEnumerable<BenchmarkRow> size) =>
        size.FirstOrDefault(r => r.Engine.StartsWith("plain read,", StringComparison.Ordinal) && !r.Engine.Contains("1 thread"));
}
