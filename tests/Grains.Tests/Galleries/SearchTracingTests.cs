using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Contracts.Galleries;
using Grid.Grains.Diagnostics;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Galleries;

/// <summary>
/// The search path's spans, seen by an in-process <see cref="ActivityListener"/> as an OpenTelemetry SDK would see
/// them: the coordinator's fan-out span with one child scan span per shard (tagged with gallery, shard and engine),
/// all in one trace — carried across the grain calls by Orleans' activity propagation, as in src/Silo.
/// </summary>
[Collection(GalleryClusterCollection.Name)]
public sealed class SearchTracingTests(GalleryClusterFixture grid)
{
    [Fact]
    public async Task A_search_is_one_trace_with_the_fan_out_span_over_a_scan_span_per_shard()
    {
        var id = new GalleryId("NL-KLPD", "traced");
        await grid.CreateAsync(id, GalleryClusterFixture.Config(shards: 3));
        var vectors = Vectors.Unit(30, seed: 4242);
        await grid.EnrolAsync(id, Enumerable.Range(0, 30).Select(i => $"T-{i:D2}").ToArray(), vectors);

        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SearchTelemetry.SourceName or "Microsoft.Orleans.Application" or "Microsoft.Orleans.Runtime",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var response = await grid.SearchAsync(id, Vectors.Row(vectors, 7), 5);
        Assert.Equal("T-07", response.Candidates[0].SubjectRef);

        var scans = stopped.Where(a => a.OperationName == "grid.shard.scan" && (string?)a.GetTagItem("grid.gallery") == id.Key).ToArray();
        Assert.Equal(3, scans.Length);
        Assert.Equal(Enumerable.Range(0, 3).Select(n => ShardKeys.For(id, n)), scans.Select(s => (string)s.GetTagItem("grid.shard")!).Order());
        Assert.All(scans, s => Assert.Equal("exact", s.GetTagItem("grid.engine")));

        var trace = scans[0].TraceId;
        Assert.All(scans, s => Assert.Equal(trace, s.TraceId));
        var fanOut = Assert.Single(stopped, a => a.OperationName == "grid.search.fanout" && a.TraceId == trace);
        Assert.Equal(3, fanOut.GetTagItem("grid.search.shards"));
        // Each scan descends from the fan-out span (through Orleans' client and server spans of the grain call).
        var byId = stopped.Where(a => a.TraceId == trace).ToDictionary(a => a.SpanId);
        foreach (var scan in scans)
        {
            var parent = scan.ParentSpanId;
            while (parent != fanOut.SpanId && byId.TryGetValue(parent, out var up)) parent = up.ParentSpanId;
            Assert.Equal(fanOut.SpanId, parent);
        }
    }
}
