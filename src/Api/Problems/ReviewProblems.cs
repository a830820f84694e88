using Grid.Contracts.Review;
using Grid.Protocol.Errors;

namespace Grid.Api.Problems;

/// <summary>Each review refusal as its own stable problem code and status, so a client (or the portal) can tell them apart.</summary>
public static class ReviewProblems
{
    public static (string Code, int Status) Of(ReviewRefusal reason) => reason switch
    {
        ReviewRefusal.UnknownCase => (ProblemCodes.CaseNotFound, 404),
        ReviewRefusal.UnknownCandidate => (ProblemCodes.CandidateNotFound, 404),
        ReviewRefusal.AlreadyDecidedByYou => (ProblemCodes.AlreadyDecidedByYou, 409),
        ReviewRefusal.AlreadyDecided => (ProblemCodes.AlreadyDecided, 409),
        ReviewRefusal.NotConfirmed => (ProblemCodes.NotConfirmed, 409),
        ReviewRefusal.OwnCandidate => (ProblemCodes.OwnCandidate, 409),
        ReviewRefusal.FollowUpExists => (ProblemCodes.FollowUpExists, 409),
        ReviewRefusal.AgreementNotActive => (ProblemCodes.AgreementNotActive, 409),
        ReviewRefusal.AlreadyAnswered => (ProblemCodes.AlreadyAnswered, 409),
        ReviewRefusal.NoCoreData => (ProblemCodes.NoCoreData, 409),
        ReviewRefusal.ImagesNotShared => (ProblemCodes.ImagesNotShared, 403),
        ReviewRefusal.NoImage => (ProblemCodes.NoImage, 404),
        _ => (ProblemCodes.InvalidReviewInput, 400),
    };
}
