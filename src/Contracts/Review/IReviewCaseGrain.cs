using Orleans.Concurrency;

namespace Grid.Contracts.Review;

/// <summary>
/// The requester's review case of one search [key <c>FORCE/searchId</c>], opened by the search coordinator.
/// Read by the force's reviewers, searchers and auditors; decided by its reviewers; follow-ups asked by its
/// reviewers or searchers. Candidate images come only through here, and only if the owner's agreement allows
/// them when they are fetched.
/// </summary>
public interface IReviewCaseGrain : IGrainWithStringKey
{
    /// <summary>Silo-internal (the search coordinator, after the search is audited).</summary>
    Task OpenAsync(CaseOpening opening);

    /// <summary>The case as the caller may see it: in four-eyes mode a reviewer sees other reviewers' decisions on a
    /// candidate only after recording their own.</summary>
    Task<ReviewCase> GetAsync();

    /// <summary>Records the caller's (a reviewer of the case's force) decision on the candidate of rank <paramref name="rank"/>.</summary>
    Task<ReviewCase> DecideAsync(int rank, ReviewVerdict verdict, string note);

    /// <summary>The owner's reference image of a candidate, if the owner's agreement shares images now.</summary>
    Task<CandidateImage> GetCandidateImageAsync(int rank);

    /// <summary>Asks the candidate's owner for core data; the candidate must be a confirmed possible match.</summary>
    Task<FollowUpView> RequestFollowUpAsync(int rank, FollowUpRequest request);

    /// <summary>Silo-internal (the owner's follow-up grain): an answer or an extension for one of this case's follow-ups.</summary>
    Task ReceiveFollowUpAsync(FollowUpView update);

    /// <summary>Silo-internal (the case index's retention sweep): applies retention now. One-way, so the index never
    /// waits on a case that may itself be waiting on the index.</summary>
    [OneWay]
    Task EnforceRetentionAsync();
}
