using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grid.Contracts.Search;

namespace Grid.Grains.Diagnostics;

/// <summary>
/// The grid's own metrics, on the <see cref="Meter"/> named <c>Grid</c> (System.Diagnostics.Metrics, so
/// <c>dotnet-counters monitor -n Grid.Silo --counters Grid</c> and any OpenTelemetry MeterProvider that adds
/// the meter "Grid" read them without an exporter package). One instance per silo (DI singleton).
/// </summary>
public sealed class GridMetrics : IDisposable
{
    public const string MeterName = "Grid";

    /// <summary>Bucket bounds of <c>grid.search.duration</c>, in seconds.</summary>
    public static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly Histogram<double> _searchDuration;
    private readonly Histogram<int> _fanOut;
    private readonly Counter<long> _searches;
    private readonly Counter<long> _shardOutcomes;
    private readonly Counter<long> _enrolled;
    private readonly Counter<long> _enrolSkipped;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _storageCircuitOpened;
    private readonly Histogram<int> _passSize;
    private readonly Histogram<double> _passDuration;
    private readonly Histogram<int> _auditGroup;
    private readonly Histogram<double> _auditCommit;
    private readonly ConcurrentDictionary<string, Func<(long Templates, long Bytes)>> _shards = new(StringComparer.Ordinal);

    public GridMetrics()
    {
        _meter = new Meter(MeterName, "1.0");
        // Seconds, as OpenTelemetry's conventions ask of durations; buckets from 1 ms to 30 s (a search's deadline is at most 5 min).
        _searchDuration = _meter.CreateHistogram("grid.search.duration", "s", "Search latency on the silo, coordinator in to merged answer out",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _fanOut = _meter.CreateHistogram<int>("grid.search.fanout", "{shard}", "Shards asked per search");
        _searches = _meter.CreateCounter<long>("grid.search.count", "{search}", "Searches answered; tag coverage=complete|partial");
        _shardOutcomes = _meter.CreateCounter<long>("grid.search.shard_outcomes", "{shard}", "Per-shard outcome of searches; tag outcome=Answered|Failed|TimedOut");
        _enrolled = _meter.CreateCounter<long>("grid.enrol.templates", "{template}", "Templates durably enrolled (acknowledged)");
        _enrolSkipped = _meter.CreateCounter<long>("grid.enrol.already_present", "{template}", "Templates resent and recognised as already stored");
        _refusals = _meter.CreateCounter<long>("grid.refusals", "{call}", "Calls refused (access denied / no agreement); tag grain");
        _storageCircuitOpened = _meter.CreateCounter<long>("grid.storage.circuit_opened", "{event}", "Blob store circuit breaker opened");
        // What the shard batcher actually forms and what the audit's group commit costs: the two places where
        // concurrent searches share work, read by the end-to-end bench's per-search profile.
        _passSize = _meter.CreateHistogram<int>("grid.shard.pass.searches", "{search}", "Searches answered by one shard pass over its index",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024] });
        _passDuration = _meter.CreateHistogram("grid.shard.pass.duration", "s", "Wall time of one shard pass over its index",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _auditGroup = _meter.CreateHistogram<int>("grid.audit.commit.records", "{record}", "Audit records written by one group commit",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024] });
        _auditCommit = _meter.CreateHistogram("grid.audit.commit.duration", "s", "Wall time of one audit group commit (one storage write)",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _meter.CreateObservableGauge("grid.shard.templates", () => Observe(s => s.Templates), "{template}", "Templates per shard active on this silo; tag shard");
        _meter.CreateObservableGauge("grid.shard.bytes", () => Observe(s => s.Bytes), "By", "Index + map memory per shard active on this silo; tag shard");
        _meter.CreateObservableGauge("grid.shards.active", () => (long)_shards.Count, "{shard}", "Shards active on this silo");
    }

    public void SearchCompleted(TimeSpan elapsed, Coverage coverage)
    {
        var complete = coverage.Complete;
        _searchDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("coverage", complete ? "complete" : "partial"));
        _fanOut.Record(coverage.Asked);
        _searches.Add(1, new KeyValuePair<string, object?>("coverage", complete ? "complete" : "partial"));
        foreach (var group in coverage.Shards.GroupBy(s => s.Outcome))
            _shardOutcomes.Add(group.Count(), new KeyValuePair<string, object?>("outcome", group.Key.ToString()));
    }

    public void Enrolled(int added, int alreadyPresent)
    {
        if (added > 0) _enrolled.Add(added);
        if (alreadyPresent > 0) _enrolSkipped.Add(alreadyPresent);
    }

    /// <summary>One shard pass answered <paramref name="searches"/> searches in <paramref name="elapsed"/>.</summary>
    public void ShardPass(int searches, TimeSpan elapsed)
    {
        _passSize.Record(searches);
        _passDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>One audit group commit wrote <paramref name="records"/> records in <paramref name="elapsed"/>.</summary>
    public void AuditCommitted(int records, TimeSpan elapsed)
    {
        _auditGroup.Record(records);
        _auditCommit.Record(elapsed.TotalSeconds);
    }

    public void Refused(string grain) => _refusals.Add(1, new KeyValuePair<string, object?>("grain", grain));

    public void StorageCircuitOpened() => _storageCircuitOpened.Add(1);

    /// <summary>Reports a shard's size while it is active here; dispose the result (or call <see cref="UntrackShard"/>) on deactivation.</summary>
    public void TrackShard(string key, Func<(long Templates, long Bytes)> size) => _shards[key] = size;

    public void UntrackShard(string key) => _shards.TryRemove(key, out _);

    private IEnumerable<Measurement<long>> Observe(Func<(long Templates, long Bytes), long> pick)
    {
        foreach (var (key, size) in _shards)
        {
            long value;
            try
            {
                value = pick(size());
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                continue;
            }
            yield return new Measurement<long>(value, new KeyValuePair<string, object?>("shard", key));
        }
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>A started clock for <see cref="SearchCompleted"/>.</summary>
    public static long Start() => Stopwatch.GetTimestamp();
}
