using Grid.Contracts.Audit;
using Grid.Contracts.Review;
using Grid.Contracts.Search;
using Grid.Grains.FollowUp;
using Grid.Grains.Review;
using Grid.Grains.Tests.Support;
using Xunit;
using static Grid.Grains.Tests.Review.ReviewSamples;

namespace Grid.Grains.Tests.Review;

/// <summary>Every record the review workflow sends or stores comes back whole through the Orleans serializer.</summary>
public sealed class ReviewContractTests
{
    [Fact]
    public void Review_records_round_trip()
    {
        var c = ReviewRules.Decide(Case(reviewers: 1), Alice, 1, ReviewVerdict.PossibleMatch, "same scar", Samples.Now).OrThrow();
        var f = FollowUpRules.New(c, c.Candidates[0].Candidate, Ask, Alice, Samples.Now, TimeSpan.FromHours(48));
        var released = FollowUpRules.Release(f, OwnerReviewer, Contracts.Sharing.AgreementStatus.Active, true, Samples.Now).OrThrow() with { CoreData = CoreData };
        c = ReviewRules.Receive(ReviewRules.WithFollowUp(c, 1, f), OwnerReviewer, released).OrThrow();

        RoundTrip.AssertSame(Opening());
        RoundTrip.AssertSame(c);
        RoundTrip.AssertSame(c.Candidates[0]);
        RoundTrip.AssertSame(c.Candidates[0].Decisions[0]);
        RoundTrip.AssertSame(ReviewRules.Summarise(c));
        RoundTrip.AssertSame(Ask);
        RoundTrip.AssertSame(released);
        RoundTrip.AssertSame(FollowUpRules.Extend(f, OwnerReviewer, "court order pending", Samples.Now.AddDays(3), Samples.Now).OrThrow());
        RoundTrip.AssertSame(CoreData);
        RoundTrip.AssertSame(CoreData with { DateOfBirth = null, CapturedOn = null, Aliases = [] });
        RoundTrip.AssertSame(new CandidateImage(CandidateImage.Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2]));
    }

    [Fact]
    public void Changed_shared_records_round_trip_with_their_new_fields()
    {
        RoundTrip.AssertSame(Samples.Terms(Samples.De) with { RequiredReviewers = 2, ShareImages = true });
        RoundTrip.AssertSame(new PartnerStats(Samples.De, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        RoundTrip.AssertSame(new SearchResponse([new Candidate(Samples.De, "suspects", "DE-7", 0.7f, 1)], new Coverage([]), [], "0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public void The_case_lists_stored_state_round_trips()
    {
        var line = ReviewRules.Summarise(Case(reviewers: 2));
        var page = RoundTrip.Copy(new CaseDayState { Cases = { [line.SearchId] = line } });
        Assert.Equal(line, Assert.Single(page.Cases).Value);
        var index = RoundTrip.Copy(new CaseIndexState { Days = [739_000, 739_001], Cases = { [line.SearchId] = line } });
        Assert.Equal([739_000, 739_001], index.Days.Order());
        Assert.Equal(line, index.Cases[line.SearchId]);
    }

    [Fact]
    public void A_refusal_reaches_the_caller_with_its_reason()
    {
        var copy = RoundTrip.Copy(new ReviewRefusedException(ReviewRefusal.AgreementNotActive, "revoked"));
        Assert.Equal((ReviewRefusal.AgreementNotActive, "revoked"), (copy.Reason, copy.Message));
    }

    [Fact]
    public void Core_data_and_images_are_checked()
    {
        Assert.Empty(CoreData.Validate());
        Assert.Equal(4, (CoreData with { Names = [], Nationality = "Germany", Sex = "male", Authority = "" }).Validate().Count);
        Assert.Single((CoreData with { DateOfBirth = new DateOnly(2025, 1, 1) }).Validate());
        Assert.Equal(CandidateImage.Jpeg, CandidateImage.Sniff([0xFF, 0xD8, 0xFF, 0xDB]));
        Assert.Equal(CandidateImage.Png, CandidateImage.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.Null(CandidateImage.Sniff("GIF89a"u8));
        Assert.False((Samples.Terms(Samples.De) with { RequiredReviewers = 3 }).TryValidate(Samples.De, out var problems));
        Assert.Contains(problems, p => p.Contains("reviewers"));
        Assert.Equal(1, (Samples.Terms(Samples.De) with { RequiredReviewers = 0 }).ReviewersNeeded);
    }
}
