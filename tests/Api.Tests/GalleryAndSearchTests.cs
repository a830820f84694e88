using Grid.Client;
using Grid.Cluster.Tests;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;
using Grid.Protocol.Search;

namespace Grid.Api.Tests;

/// <summary>Galleries, enrolment (.npy streamed), search and removal through the HTTPS API, as a member force does them.</summary>
[Collection(ApiCollection.Name)]
public sealed class GalleryAndSearchTests(ApiGrid grid)
{
    internal static readonly SearchPurpose Purpose = new("organised-armed-robbery", "API-TEST-1", SubjectCategory.Suspect,
        "Integration test of the HTTPS API's search");

    [SkippableFact]
    public async Task A_gallery_is_created_once_read_listed_and_a_different_configuration_is_a_conflict()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        var id = GalleryId.Parse("NL/lifecycle");
        var config = new GalleryConfig("exact", 2, GalleryConfig.UnspecifiedModel, SubjectCategory.Suspect);

        var created = await nl.CreateGalleryAsync(id, config);
        var again = await nl.CreateGalleryAsync(id, config);
        var conflict = await Assert.ThrowsAsync<GridException>(() => nl.CreateGalleryAsync(id, config with { ShardCount = 3 }));

        Assert.Equal(id, created.Id);
        Assert.Equal(created, again);
        Assert.Equal(ProblemCodes.Conflict, conflict.Code);
        Assert.Equal(409, conflict.Status);
        Assert.Equal(created, await nl.GetGalleryAsync(id));
        Assert.Null(await nl.GetGalleryAsync(GalleryId.Parse("NL/never-made")));
        Assert.Contains(id, await nl.ListGalleriesAsync());
        Assert.Equal(2, (await nl.GetGalleryStatusAsync(id)).Shards.Length);
    }

    [SkippableFact]
    public async Task Enrolled_templates_are_found_resent_rows_are_recognised_and_a_removed_subject_is_gone()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        var id = GalleryId.Parse("NL/searchable");
        await nl.CreateGalleryAsync(id, new GalleryConfig("exact", 2));
        var (subjects, templates) = Synthetic.Gallery("api-", 500, seed: 11);
        var progress = new List<int>();

        var first = await nl.EnrolBulkAsync(id, subjects, templates, GalleryConfig.UnspecifiedModel, batchSize: 200, progress: new SyncProgress<int>(progress.Add));
        var resent = await nl.EnrolBulkAsync(id, subjects, templates, GalleryConfig.UnspecifiedModel, batchSize: 500);

        Assert.Equal(new EnrolResult(500, 0), first);
        Assert.Equal([200, 400, 500], progress);
        Assert.Equal(new EnrolResult(0, 500), resent);
        Assert.Equal(500, (await nl.GetGalleryStatusAsync(id)).Templates);
        var hit = (await nl.SearchAsync(Request([id], templates.Row(42).ToArray()))).Response;
        Assert.True(hit.Coverage.Complete);
        Assert.Equal(subjects[42], hit.Candidates[0].SubjectRef);
        Assert.Equal(1, hit.Candidates[0].Rank);
        Assert.Equal("NL", hit.Candidates[0].Force);

        Assert.Equal(1, await nl.RemoveAsync(id, subjects[42]));
        Assert.Equal(0, await nl.RemoveAsync(id, subjects[42]));
        var after = (await nl.SearchAsync(Request([id], templates.Row(42).ToArray()))).Response;
        Assert.DoesNotContain(after.Candidates, c => c.SubjectRef == subjects[42]);
    }

    [SkippableFact]
    public async Task A_search_out_of_bounds_is_refused_at_the_door_with_its_code()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));
        var probe = Synthetic.Gallery("p-", 1, seed: 3).Templates.Row(0).ToArray();
        var many = Enumerable.Range(0, 17).Select(i => new GalleryId("NL", $"g{i}")).ToArray();

        async Task<string> Code(SearchRequest request) => (await Assert.ThrowsAsync<GridException>(() => nl.SearchAsync(request))).Code;

        Assert.Equal(ProblemCodes.TooManyGalleries, await Code(Request(many, probe)));
        Assert.Equal(ProblemCodes.InvalidArgument, await Code(Request([], probe) with { K = 0 }));
        Assert.Equal(ProblemCodes.InvalidArgument, await Code(Request([], probe) with { K = SearchRequest.MaxK + 1 }));
        Assert.Equal(ProblemCodes.InvalidArgument, await Code(Request([], probe) with { MinScore = 2 }));
        Assert.Equal(ProblemCodes.InvalidArgument, await Code(Request([], probe) with { DeadlineMs = 0 }));
        Assert.Equal(ProblemCodes.InvalidTemplate, await Code(Request([], probe[..10])));
        Assert.Equal(ProblemCodes.InvalidPurpose, await Code(Request([], probe) with { Purpose = Purpose with { Justification = "short" } }));
        Assert.Equal(ProblemCodes.InvalidPurpose, await Code(Request([], probe) with { Purpose = Purpose with { Offence = "not-an-offence" } }));
    }

    [SkippableFact]
    public async Task Status_shows_silos_to_the_operator_only_and_offences_are_served()
    {
        Skip.If(grid.SkipReason is not null, grid.SkipReason);
        await using var nl = await grid.ConnectAsync(grid.UserKey("NL"));

        var asOperator = await grid.Operator.GetStatusAsync();
        var asForce = await nl.GetStatusAsync();
        var offences = await nl.ListOffencesAsync();

        Assert.Single(asOperator.Silos);
        Assert.Equal("Active", asOperator.Silos[0].Status);
        Assert.Empty(asForce.Silos);
        Assert.All(asForce.Galleries, g => Assert.Equal("NL", g.Info.Id.Force));
        Assert.Contains(offences, o => o.Code == "organised-armed-robbery" && o.EligibleForCrossBorder);
        Assert.Contains(offences, o => o.Code == "minor-theft" && !o.EligibleForCrossBorder);
    }

    internal static SearchRequest Request(GalleryId[] galleries, float[] probe) => new(galleries, probe, Purpose, K: 5, DeadlineMs: 10_000);
}
