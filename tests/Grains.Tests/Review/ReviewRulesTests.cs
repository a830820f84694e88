using Grid.Contracts.Review;
using Grid.Grains.FollowUp;
using Grid.Grains.Review;
using Grid.Grains.Tests.Support;
using Xunit;
using static Grid.Grains.Tests.Review.ReviewSamples;

namespace Grid.Grains.Tests.Review;

public sealed class ReviewRulesTests
{
    [Fact]
    public void Own_candidates_need_one_reviewer_and_partners_follow_their_agreement()
    {
        var c = Case(reviewers: 2);
        Assert.Equal((2, false), (c.Candidates[0].RequiredReviewers, c.Candidates[0].ImagesShared));
        Assert.Equal((1, true), (c.Candidates[1].RequiredReviewers, c.Candidates[1].ImagesShared));
        Assert.Equal(2, c.Undecided);
        Assert.Equal(Samples.Now, c.CreatedAt);
    }

    [Fact]
    public void Four_eyes_hides_the_first_decision_from_the_second_reviewer_until_they_decide()
    {
        var first = ReviewRules.Decide(Case(), Alice, 1, ReviewVerdict.PossibleMatch, "same scar", Samples.Now).OrThrow();
        Assert.Single(ReviewRules.ViewFor(first, Alice, Samples.Now).Candidates[0].Decisions);
        var bobSees = ReviewRules.ViewFor(first, Bob, Samples.Now).Candidates[0];
        Assert.Equal((0, 1, ReviewOutcome.Undecided), (bobSees.Decisions.Length, bobSees.DecisionsRecorded, bobSees.Outcome));

        var again = ReviewRules.Decide(first, Alice, 1, ReviewVerdict.NoMatch, "changed my mind", Samples.Now);
        Assert.Equal(ReviewRefusal.AlreadyDecidedByYou, again.Refusal);

        var both = ReviewRules.Decide(first, Bob, 1, ReviewVerdict.PossibleMatch, "agree", Samples.Now).OrThrow();
        Assert.Equal(ReviewOutcome.PossibleMatch, both.Candidates[0].Outcome);
        Assert.Equal(2, ReviewRules.ViewFor(both, Searcher, Samples.Now).Candidates[0].Decisions.Length);
        Assert.Equal(ReviewRefusal.AlreadyDecided,
            ReviewRules.Decide(both, Samples.User(Samples.Nl, Contracts.Identity.Role.Reviewer, "carol"), 1, ReviewVerdict.NoMatch, "late", Samples.Now).Refusal);
    }

    [Fact]
    public void Disagreeing_reviewers_leave_the_candidate_disputed_and_no_follow_up_is_possible()
    {
        var c = ReviewRules.Decide(Case(), Alice, 1, ReviewVerdict.PossibleMatch, "same", Samples.Now).OrThrow();
        c = ReviewRules.Decide(c, Bob, 1, ReviewVerdict.Inconclusive, "poor image", Samples.Now).OrThrow();
        Assert.Equal(ReviewOutcome.Disputed, c.Candidates[0].Outcome);
        Assert.Equal(ReviewRefusal.NotConfirmed, ReviewRules.CheckFollowUp(c, Alice, 1, Ask).Refusal);
    }

    [Fact]
    public void Bad_decisions_are_refused_with_their_reason()
    {
        var c = Case();
        Assert.True(ReviewRules.Decide(c, Searcher, 1, ReviewVerdict.NoMatch, "x", Samples.Now).Forbidden);
        Assert.True(ReviewRules.Decide(c, OwnerReviewer, 1, ReviewVerdict.NoMatch, "x", Samples.Now).Forbidden);
        Assert.Equal(ReviewRefusal.UnknownCandidate, ReviewRules.Decide(c, Alice, 9, ReviewVerdict.NoMatch, "x", Samples.Now).Refusal);
        Assert.Equal(ReviewRefusal.InvalidInput, ReviewRules.Decide(c, Alice, 1, ReviewVerdict.NoMatch, "  ", Samples.Now).Refusal);
        Assert.Equal(ReviewRefusal.InvalidInput, ReviewRules.Decide(c, Alice, 1, (ReviewVerdict)42, "x", Samples.Now).Refusal);
        Assert.Equal(ReviewRefusal.OwnCandidate,
            ReviewRules.CheckFollowUp(ReviewRules.Decide(c, Alice, 2, ReviewVerdict.PossibleMatch, "x", Samples.Now).OrThrow(), Alice, 2, Ask).Refusal);
        Assert.Equal(ReviewRefusal.InvalidInput, ReviewRules.CheckFollowUp(c, Alice, 1, new FollowUpRequest("minor-theft", "too short")).Refusal);
    }

    [Fact]
    public void The_48_hour_clock_runs_from_the_request_and_an_extension_moves_it()
    {
        var c = ReviewRules.Decide(Case(reviewers: 1), Alice, 1, ReviewVerdict.PossibleMatch, "same", Samples.Now).OrThrow();
        var candidate = ReviewRules.CheckFollowUp(c, Alice, 1, Ask).OrThrow();
        var f = FollowUpRules.New(c, candidate.Candidate, Ask, Alice, Samples.Now, TimeSpan.FromHours(48));
        Assert.Equal("DE-BKA/NL-KLPD.0123456789abcdef0123456789abcdef.1", f.Id);
        Assert.False(FollowUpRules.AsOf(f, Samples.Now.AddHours(48)).Overdue);
        Assert.True(FollowUpRules.AsOf(f, Samples.Now.AddHours(48).AddSeconds(1)).Overdue);

        var later = Samples.Now.AddHours(50);
        Assert.Equal(ReviewRefusal.InvalidInput, FollowUpRules.Extend(f, OwnerReviewer, "court order pending", f.DueAt, later).Refusal);
        var extended = FollowUpRules.Extend(f, OwnerReviewer, "court order pending", later.AddDays(2), later).OrThrow();
        Assert.False(FollowUpRules.AsOf(extended, later).Overdue);
        Assert.True(FollowUpRules.Extend(f, Alice, "court order pending", later.AddDays(2), later).Forbidden);
    }

    [Fact]
    public void Only_the_owner_reviewer_answers_and_only_under_an_active_agreement_with_core_data()
    {
        var c = ReviewRules.Decide(Case(reviewers: 1), Alice, 1, ReviewVerdict.PossibleMatch, "same", Samples.Now).OrThrow();
        var f = FollowUpRules.New(c, c.Candidates[0].Candidate, Ask, Alice, Samples.Now, TimeSpan.FromHours(48));
        Assert.True(FollowUpRules.Release(f, Alice, Contracts.Sharing.AgreementStatus.Active, true, Samples.Now).Forbidden);
        Assert.Equal(ReviewRefusal.AgreementNotActive, FollowUpRules.Release(f, OwnerReviewer, Contracts.Sharing.AgreementStatus.Revoked, true, Samples.Now).Refusal);
        Assert.Equal(ReviewRefusal.NoCoreData, FollowUpRules.Release(f, OwnerReviewer, Contracts.Sharing.AgreementStatus.Active, false, Samples.Now).Refusal);
        var released = FollowUpRules.Release(f, OwnerReviewer, Contracts.Sharing.AgreementStatus.Active, true, Samples.Now).OrThrow();
        Assert.Equal(FollowUpStatus.Released, released.Status);
        Assert.Equal(ReviewRefusal.AlreadyAnswered, FollowUpRules.Decline(released, OwnerReviewer, "no longer needed", Samples.Now).Refusal);
        Assert.Equal(ReviewRefusal.InvalidInput, FollowUpRules.Decline(f, OwnerReviewer, "no", Samples.Now).Refusal);

        // The case takes an answer only from the owner, only for the follow-up it asked.
        var asked = ReviewRules.WithFollowUp(c, 1, f);
        Assert.True(ReviewRules.Receive(asked, Alice, released).Forbidden);
        Assert.Equal(ReviewRefusal.UnknownCandidate, ReviewRules.Receive(asked, OwnerReviewer, released with { Id = "DE-BKA/NL-KLPD.x.1" }).Refusal);
        var data = CoreData;
        var got = ReviewRules.Receive(asked, OwnerReviewer, released with { CoreData = data }).OrThrow();
        Assert.Same(data, got.Candidates[0].FollowUp!.CoreData);
        Assert.Equal(Samples.Now, ReviewRules.Summarise(got).ReleasedDataSince);
    }

    [Fact]
    public void Retention_removes_released_core_data_then_the_whole_case()
    {
        var options = new ReviewOptions { CaseRetention = TimeSpan.FromDays(30), ReleasedDataRetention = TimeSpan.FromDays(7) };
        var c = ReviewRules.Decide(Case(reviewers: 1), Alice, 1, ReviewVerdict.PossibleMatch, "same", Samples.Now).OrThrow();
        var f = FollowUpRules.New(c, c.Candidates[0].Candidate, Ask, Alice, Samples.Now, TimeSpan.FromHours(48));
        var released = FollowUpRules.Release(f, OwnerReviewer, Contracts.Sharing.AgreementStatus.Active, true, Samples.Now).OrThrow();
        c = ReviewRules.Receive(ReviewRules.WithFollowUp(c, 1, f), OwnerReviewer, released with { CoreData = ReviewSamples.CoreData }).OrThrow();

        Assert.Same(c, ReviewRules.ApplyRetention(c, Samples.Now.AddDays(6), options));
        var kept = ReviewRules.ApplyRetention(c, Samples.Now.AddDays(7), options);
        Assert.Null(kept.Candidates[0].FollowUp!.CoreData);
        Assert.Equal(Samples.Now.AddDays(7), kept.Candidates[0].FollowUp!.CoreDataRemovedAt);
        Assert.Null(ReviewRules.Summarise(kept).ReleasedDataSince);
        Assert.False(ReviewRules.Expired(kept, Samples.Now.AddDays(29), options));
        Assert.True(ReviewRules.Expired(kept, Samples.Now.AddDays(30), options));
    }
}
