namespace Grid.Client;

/// <summary>What a run of <see cref="ConcurrentSearch"/> did: searches answered per second of wall time and the
/// client-measured latency percentiles of the answered ones (nearest rank); failed searches are only counted.</summary>
public sealed record ConcurrentSearchSummary(int Probes, int Concurrency, double Seconds, double SearchesPerSecond, double P50Ms, double P99Ms, int Failures);
