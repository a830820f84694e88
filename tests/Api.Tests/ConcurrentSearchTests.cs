using Grid.Client;
using Grid.Cluster.Tests;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;

namespace Grid.Api.Tests;

/// <summary><see cref="ConcurrentSearch"/> (what <c>gridctl search --concurrency N</c> runs) against a real silo over HTTPS:
/// many searches in flight answer exactly as each does alone, a bad one is counted and does not stop the others.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrentSearchTests(ApiGrid grid)
{
    [SkippableFact]
    public async Task Searches_in_flight_together_answer_as_each_does_alone_and_a_failure_is_counted()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        var id = GalleryId.Parse("NL/concurrent");
        await nl.CreateGalleryAsync(id, new GalleryConfig("exact", 2));
        var (subjects, templates) = Synthetic.Gallery("conc-", 300, seed: 23);
        await nl.EnrolBulkAsync(id, subjects, templates, GalleryConfig.UnspecifiedModel, batchSize: 300);
        var requests = Enumerable.Range(0, 12).Select(i => GalleryAndSearchTests.Request([id], templates.Row(i * 7).ToArray())).ToList();
        requests.Add(GalleryAndSearchTests.Request([id], templates.Row(0).ToArray()) with { K = 0 }); // refused: k out of range

        var answers = new Dictionary<int, SearchResponse>();
        var failed = new Dictionary<int, Exception>();
        var summary = await ConcurrentSearch.RunAsync(nl, requests, 8, (i, answer, error) =>
        {
            if (answer is not null) answers.Add(i, answer.Response);
            else failed.Add(i, error!);
        });

        Assert.Equal((13, 8, 1), (summary.Probes, summary.Concurrency, summary.Failures));
        Assert.Equal(ProblemCodes.InvalidArgument, Assert.IsType<GridException>(Assert.Single(failed).Value).Code);
        Assert.Equal(12, answers.Count);
        Assert.True(summary.P50Ms > 0 && summary.P99Ms >= summary.P50Ms && summary.SearchesPerSecond > 0);
        for (var i = 0; i < 12; i++)
        {
            var alone = (await nl.SearchAsync(requests[i])).Response.Candidates;
            Assert.Equal(subjects[i * 7], answers[i].Candidates[0].SubjectRef);
            Assert.Equal(alone.Select(c => (c.SubjectRef, c.Score)), answers[i].Candidates.Select(c => (c.SubjectRef, c.Score)));
        }
    }

    [Fact]
    public async Task Concurrency_outside_1_to_256_is_refused_before_anything_is_sent()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ConcurrentSearch.RunAsync(null!, [], 0));
        Assert.Equal(2.0, ConcurrentSearch.Percentile([1.0, 2.0, 3.0, 4.0], 0.5));
        Assert.Equal(4.0, ConcurrentSearch.Percentile([1.0, 2.0, 3.0, 4.0], 0.99));
    }
}
