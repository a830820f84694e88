namespace Grid.Bench;

/// <summary>One measured configuration. Latencies in milliseconds; throughput in queries per second.
/// Fields that do not apply to a row are null.</summary>
public sealed record BenchmarkRow(
    string Section, long Size, string Engine, double? P50Ms, double? P99Ms, double? BatchQueriesPerSecond, string Note);
