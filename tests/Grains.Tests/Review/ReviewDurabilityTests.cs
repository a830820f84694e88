using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Grains.Tests.Galleries;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Review;

/// <summary>Cases, decisions, the case list and an owner's subject record survive a crashed silo (blob grain storage on Azurite).</summary>
[Collection(GalleryClusterCollection.Name)]
public sealed class ReviewDurabilityTests(GalleryClusterFixture grid)
{
    [Fact]
    public async Task A_case_and_a_subject_record_survive_a_crash()
    {
        const string force = "NL-KLPD";
        var gallery = new GalleryId(force, "review-durable");
        GalleryClusterFixture.As(grid.KeyOf(force));
        var reviewer = (await grid.Client.GetGrain<IForceGrain>(force).AddUserAsync("durable-reviewer", Role.Reviewer)).Key;
        await grid.CreateAsync(gallery, GalleryClusterFixture.Config(shards: 1));
        var vectors = Vectors.Unit(8, seed: 8201);
        await grid.EnrolAsync(gallery, [.. Enumerable.Range(0, 8).Select(i => $"NL-D{i}")], vectors);
        GalleryClusterFixture.As(grid.KeyOf(force));
        var data = new SubjectCoreData(["Piet Example"], ["P."], new DateOnly(1988, 1, 31), "NL", "M", new DateOnly(2025, 6, 1), "Amsterdam",
            "theft", "NL-2025-77", "Politie Amsterdam");
        await grid.Client.GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(gallery, "NL-D2")).SetCoreDataAsync(data);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7];
        await grid.Client.GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(gallery, "NL-D2")).SetImageAsync(new CandidateImage(CandidateImage.Png, png));

        var searchId = (await grid.SearchAsync([gallery], Vectors.Row(vectors, 2), 3)).SearchId!;
        GalleryClusterFixture.As(reviewer);
        await grid.Client.GetGrain<IReviewCaseGrain>(ReviewKeys.Case(ForceId.Parse(force), searchId))
            .DecideAsync(1, ReviewVerdict.PossibleMatch, "Same person as in our 2025 file.");

        await grid.RestartAsync();

        GalleryClusterFixture.As(reviewer);
        var reopened = await grid.Client.GetGrain<IReviewCaseGrain>(ReviewKeys.Case(ForceId.Parse(force), searchId)).GetAsync();
        Assert.Equal("NL-D2", reopened.Candidates[0].Candidate.SubjectRef);
        Assert.Equal(ReviewOutcome.PossibleMatch, reopened.Candidates[0].Outcome);
        Assert.Equal("Same person as in our 2025 file.", reopened.Candidates[0].Decisions.Single().Note);
        var listed = await grid.Client.GetGrain<ICaseIndexGrain>(ReviewKeys.Index(ForceId.Parse(force))).ListCasesAsync(false);
        Assert.Contains(listed, c => c.SearchId == searchId && c.Undecided == 2);
        GalleryClusterFixture.As(grid.KeyOf(force));
        var stored = (await grid.Client.GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(gallery, "NL-D2")).GetCoreDataAsync())!;
        Assert.Equal(("NL-2025-77", new DateOnly(1988, 1, 31), "P."), (stored.CaseNumber, stored.DateOfBirth, stored.Aliases.Single()));
        Assert.Equal(png, (await grid.Client.GetGrain<ISubjectRecordGrain>(ReviewKeys.Subject(gallery, "NL-D2")).GetImageAsync())!.Bytes);
    }
}
