namespace Grid.Bench;

/// <summary>One gallery measured through GridClient: enrolment, single-probe latency, concurrent throughput.</summary>
public sealed record EndToEndResult(
    int Size,
    string Gallery,
    int Shards,
    long Enrolled,
    double EnrolSeconds,
    double P50Ms,
    double P99Ms,
    IReadOnlyList<ConcurrentRun> Concurrent,
    int PartialResults,
    long? SiloResidentBytes,
    double? LoadDuringSearch,
    double SnapshotSeconds,
    string Engine = "exact")
{
    public double EnrolPerSecond => Enrolled / EnrolSeconds;

    /// <summary>With <c>--restart</c>: grid down and up again, then the first complete answer (shards load snapshots).</summary>
    public double? RestartToReadySeconds { get; init; }

    public double? P50AfterRestartMs { get; init; }

    public long? SiloResidentBytesAfterRestart { get; init; }
}

/// <summary><paramref name="Searches"/> searches with <paramref name="InFlight"/> outstanding at a time.</summary>
public sealed record ConcurrentRun(int InFlight, int Searches, double QueriesPerSecond, double P50Ms, double P99Ms);
