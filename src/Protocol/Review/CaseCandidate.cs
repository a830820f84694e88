using Grid.Protocol.Search;

namespace Grid.Protocol.Review;

/// <summary>A candidate in a review case with the owner's terms it was found under (reviewers needed, images shared),
/// the decisions the caller may see (in four-eyes mode, others' only after recording one's own;
/// <see cref="DecisionsRecorded"/> still counts them), its outcome and its follow-up if one was asked.</summary>
public sealed record CaseCandidate(
    Candidate Candidate,
    int RequiredReviewers,
    bool ImagesShared,
    ReviewDecision[] Decisions,
    int DecisionsRecorded,
    ReviewOutcome Outcome,
    FollowUpView? FollowUp);
