using System.Diagnostics;
using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Sharing;
using Grid.Grains.Tests.Galleries;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Grid.Grains.Tests.Review;

/// <summary>
/// A measurement, not a test (tests never assert on time): what opening a review case adds to a search, on blob
/// grain storage (Azurite), with the force's case list short and with 5,000 cases in it, spread over 50 days (the list
/// is one page per UTC day: a search rewrites only today's). Runs only with <c>GRID_REVIEW_LATENCY=1</c>; prints medians.
/// </summary>
[Collection(GalleryClusterCollection.Name)]
public sealed class CaseOpenLatency(GalleryClusterFixture grid, ITestOutputHelper output)
{
    private const int Samples = 30;

    [SkippableFact]
    public async Task Prints_search_latency_with_and_without_a_case()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("GRID_REVIEW_LATENCY") == "1", "Set GRID_REVIEW_LATENCY=1 to measure.");
        const string force = "DE-BKA";
        var gallery = new GalleryId(force, "review-latency");
        await grid.CreateAsync(gallery, GalleryClusterFixture.Config(shards: 1));
        var vectors = Vectors.Unit(1000, seed: 8301);
        await grid.EnrolAsync(gallery, [.. Enumerable.Range(0, 1000).Select(i => $"L-{i}")], vectors);
        var probe = Vectors.Row(vectors, 7);
        var evaluation = GalleryClusterFixture.Purpose with { Offence = OffenceCatalogue.SystemEvaluation };

        await MedianAsync(() => grid.SearchAsync([gallery], probe, 10, purpose: evaluation)); // warm-up
        await MedianAsync(() => grid.SearchAsync([gallery], probe, 10));
        var noCase = await MedianAsync(() => grid.SearchAsync([gallery], probe, 10, purpose: evaluation));
        var withCase = await MedianAsync(() => grid.SearchAsync([gallery], probe, 10));
        output.WriteLine($"k=10 over 1,000 templates, 1 shard: no case {noCase.TotalMilliseconds:0.0} ms; with case (list of ~{2 * Samples}) {withCase.TotalMilliseconds:0.0} ms");

        RequestContext.Clear();
        var silo = grid.Cluster.GetSiloServiceProvider(grid.Cluster.GetActiveSilos().First().SiloAddress).GetRequiredService<IGrainFactory>();
        var index = silo.GetGrain<ICaseIndexGrain>(ReviewKeys.Index(ForceId.Parse(force)));
        for (var i = 0; i < 5000; i++)
            await index.UpsertCaseAsync(new CaseSummary(ReviewKeys.NewSearchId(), $"FILL-{i}", "murder", DateTimeOffset.UtcNow.AddDays(-1 - i % 50), 10, 10, 0, null));
        var big = await MedianAsync(() => grid.SearchAsync([gallery], probe, 10));
        output.WriteLine($"k=10 over 1,000 templates, 1 shard: with case (list of ~5,000 over 50 earlier days) {big.TotalMilliseconds:0.0} ms");
    }

    private static async Task<TimeSpan> MedianAsync(Func<Task> action)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed);
        }

        times.Sort();
        return times[Samples / 2];
    }
}
