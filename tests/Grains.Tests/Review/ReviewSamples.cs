using Grid.Contracts.Galleries;
using Grid.Contracts.Identity;
using Grid.Contracts.Review;
using Grid.Contracts.Search;
using Grid.Grains.Review;
using Grid.Grains.Tests.Support;

namespace Grid.Grains.Tests.Review;

/// <summary>Fixed cases and follow-ups for the example-based tests of the review rules.</summary>
public static class ReviewSamples
{
    public static readonly Principal Searcher = Samples.User(Samples.Nl, Role.Searcher, "sam");
    public static readonly Principal Alice = Samples.User(Samples.Nl, Role.Reviewer, "alice");
    public static readonly Principal Bob = Samples.User(Samples.Nl, Role.Reviewer, "bob");
    public static readonly Principal OwnerReviewer = Samples.User(Samples.De, Role.Reviewer, "dora");

    public static CaseOpening Opening() => new("0123456789abcdef0123456789abcdef", Samples.Purpose(), "model-1", new string('a', 64),
        [new Candidate(Samples.De, "suspects", "DE-7", 0.71f, 1), new Candidate(Samples.Nl, "own", "NL-3", 0.42f, 2)],
        new Coverage([new ShardReport("DE-BKA/suspects/0", ShardOutcome.Answered, null)]),
        [new SearchRefusal(new GalleryId("FR-PN", "suspects"), Contracts.Sharing.RefusalReason.NoAgreement, "none")]);

    /// <summary>A case at NL whose DE candidate (rank 1) needs <paramref name="reviewers"/> reviewers.</summary>
    public static ReviewCase Case(int reviewers = 2) =>
        ReviewRules.Open(Samples.Nl, Searcher, Opening(), _ => (reviewers, false), Samples.Now);

    public static FollowUpRequest Ask => new("murder", "Homicide in Rotterdam, suspect on CCTV footage.");

    public static SubjectCoreData CoreData => new(["Jan Example"], ["J. E."], new DateOnly(1990, 5, 17), "DE", "M",
        new DateOnly(2024, 2, 3), "Köln", "robbery", "KÖ-2024-1234", "Polizeipräsidium Köln");
}
