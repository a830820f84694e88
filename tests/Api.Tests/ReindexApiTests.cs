using Grid.Client;
using Grid.Cluster.Tests;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;

namespace Grid.Api.Tests;

/// <summary><c>POST /v1/galleries/{force}/{name}/reindex</c> over HTTPS: an exact gallery moves to exact-int8 with
/// progress in its status and keeps finding its subjects; the refusals carry their problem codes.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReindexApiTests(ApiGrid grid)
{
    [SkippableFact]
    public async Task An_exact_gallery_is_reindexed_to_int8_over_https_and_refusals_carry_their_codes()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        var id = GalleryId.Parse("NL/reindexed");
        Assert.Equal("exact-int8", GalleryConfig.Default.Engine);
        await nl.CreateGalleryAsync(id, new GalleryConfig("exact", 2));
        var (subjects, templates) = Synthetic.Gallery("rx-", 400, seed: 91);
        await nl.EnrolBulkAsync(id, subjects, templates, GalleryConfig.UnspecifiedModel, batchSize: 400);

        var unknown = await Assert.ThrowsAsync<GridException>(() => nl.ReindexAsync(id, "turbo"));
        Assert.Equal((ProblemCodes.UnknownEngine, 400), (unknown.Code, unknown.Status));
        await using (var de = await grid.ConnectAsync(grid.AdminKey("DE")))
        {
            var foreign = await Assert.ThrowsAsync<GridException>(() => de.ReindexAsync(id, "exact-int8"));
            Assert.Equal((ProblemCodes.AccessDenied, 403), (foreign.Code, foreign.Status));
        }

        var started = await nl.ReindexAsync(id, "exact-int8");
        Assert.Equal(("exact", "exact-int8", 2), (started.From, started.To, started.ShardsStarted));
        GalleryStatus status;
        var polls = 0;
        do
        {
            status = await nl.GetGalleryStatusAsync(id);
            Assert.True(++polls < 600, "the re-index did not finish in 60 s");
            if (status.Shards.Any(s => s.Reindex?.Running == true)) await Task.Delay(100);
        }
        while (status.Shards.Any(s => s.Reindex?.Running == true) || status.Info.Config.Engine != "exact-int8");

        Assert.Equal(["exact-int8"], status.Engines);
        Assert.All(status.Shards, s => Assert.Equal(s.Reindex?.Total, s.Reindex?.Done));
        Assert.Equal(400, status.Templates);
        var hit = (await nl.SearchAsync(GalleryAndSearchTests.Request([id], templates.Row(123).ToArray()))).Response;
        Assert.Equal(subjects[123], hit.Candidates[0].SubjectRef);

        var again = await nl.ReindexAsync(id, "exact-int8");
        Assert.Equal(0, again.ShardsStarted);
        Assert.Contains("nothing to do", again.Message);
        var lossy = await Assert.ThrowsAsync<GridException>(() => nl.ReindexAsync(id, "exact"));
        Assert.Equal((ProblemCodes.ReindexUnsupported, 409), (lossy.Code, lossy.Status));
    }
}
