using Grid.Contracts.Galleries;
using Grid.Contracts.Review;
using Grid.Grains.Review;
using Grid.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;

namespace Grid.Grains.Tests.Review;

/// <summary>
/// The case list is one page per UTC day: a search writes only its day's page, and the retention sweep deletes whole
/// days (and their cases) once past retention, read straight from grain storage so nothing is deleted merely by being
/// looked at. The fixture's clock is moved by hand.
/// </summary>
[Collection(ReviewClusterCollection.Name)]
public sealed class CaseListPagingTests(ReviewClusterFixture grid)
{
    [Fact]
    public async Task A_search_writes_only_its_days_page_and_the_sweep_deletes_days_past_retention()
    {
        var force = await grid.CreateForceAsync("SE-RVP", "suspects");
        var vectors = await grid.EnrolAsync(force, "suspects", "SE", 10, seed: 8111);
        var gallery = new GalleryId("SE-RVP", "suspects");
        var dayOne = grid.Clock.Now;
        var first = (await grid.SearchAsync(force, [gallery], Vectors.Row(vectors, 1))).SearchId!;
        grid.Clock.Now += TimeSpan.FromHours(25); // another UTC day
        var second = (await grid.SearchAsync(force, [gallery], Vectors.Row(vectors, 2))).SearchId!;
        var third = (await grid.SearchAsync(force, [gallery], Vectors.Row(vectors, 3))).SearchId!;

        // Day one's page holds only day one's case: the later searches did not touch it.
        Assert.Equal([first], (await PageAsync(force, dayOne)).Keys);
        Assert.Equal(new[] { second, third }.Order(StringComparer.Ordinal), (await PageAsync(force, grid.Clock.Now)).Keys.Order(StringComparer.Ordinal));
        var index = grid.As(force.Reviewer1).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force.Id));
        // Newest first: the two later cases (same moment on the hand-moved clock, so in either order), then the first.
        var listed = (await index.ListCasesAsync(false)).Select(c => c.SearchId).ToArray();
        Assert.Equal(first, listed[^1]);
        Assert.Equal(new[] { second, third }.Order(StringComparer.Ordinal), listed[..2].Order(StringComparer.Ordinal));

        // Past retention for day one only: the sweep drops day one's page and deletes its case from storage.
        var nextMidnight = new DateTimeOffset(dayOne.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        grid.Clock.Now = nextMidnight + ReviewClusterFixture.CaseRetention;
        Assert.Equal(1, await grid.As(force.Auditor).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force.Id)).PruneAsync());
        await EventuallyAsync(async () => (await PageAsync(force, dayOne)).Count == 0 && await CaseStoredAsync(force, first) is false);
        Assert.True(await CaseStoredAsync(force, second));
        Assert.Equal(new[] { second, third }.Order(StringComparer.Ordinal),
            (await grid.As(force.Reviewer1).GetGrain<ICaseIndexGrain>(ReviewKeys.Index(force.Id)).ListCasesAsync(false)).Select(c => c.SearchId).Order(StringComparer.Ordinal));
    }

    private IGrainStorage Storage()
    {
        var silo = grid.Cluster.GetSiloServiceProvider(grid.Cluster.GetActiveSilos().First().SiloAddress);
        return silo.GetRequiredKeyedService<IGrainStorage>(GridStorage.GrainStateStore);
    }

    private async Task<Dictionary<string, CaseSummary>> PageAsync(ForceUsers force, DateTimeOffset day)
    {
        var state = new GrainState<CaseDayState>(new CaseDayState());
        await Storage().ReadStateAsync("review-day", GrainId.Create("caseday", ReviewKeys.CaseDay(force.Id, day)), state);
        return state.State?.Cases ?? [];
    }

    private async Task<bool> CaseStoredAsync(ForceUsers force, string searchId)
    {
        var state = new GrainState<ReviewCaseState>(new ReviewCaseState());
        await Storage().ReadStateAsync("case", GrainId.Create("reviewcase", ReviewKeys.Case(force.Id, searchId)), state);
        return state.State?.Case is not null;
    }

    /// <summary>Retention reaches pages and cases by one-way messages: wait (bounded) until they have acted.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++) await Task.Delay(50);
        Assert.True(await condition());
    }
}
