using System.Collections.Immutable;
using Grid.Contracts.Search;

namespace Grid.Contracts.Review;

/// <summary>
/// A candidate in a review case. <see cref="RequiredReviewers"/> and <see cref="ImagesShared"/> are the owner's
/// agreement terms when the search ran (1 and true for the requester's own galleries). In a view,
/// <see cref="Decisions"/> may be hidden from a reviewer who has not decided yet (four-eyes); <see cref="DecisionsRecorded"/>
/// still counts them.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.case-candidate")]
public sealed record CaseCandidate(
    [property: Id(0)] Candidate Candidate,
    [property: Id(1)] int RequiredReviewers,
    [property: Id(2)] bool ImagesShared,
    [property: Id(3)] ImmutableArray<ReviewDecision> Decisions,
    [property: Id(4)] int DecisionsRecorded,
    [property: Id(5)] ReviewOutcome Outcome,
    [property: Id(6)] FollowUpView? FollowUp)
{
    public int Rank => Candidate.Rank;

    public bool IsUndecided => Outcome == ReviewOutcome.Undecided;
}
