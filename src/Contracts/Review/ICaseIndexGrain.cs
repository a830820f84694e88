using System.Collections.Immutable;

namespace Grid.Contracts.Review;

/// <summary>
/// A force's list of review cases and follow-ups [key <c>FORCE/review</c>], kept by the case and follow-up grains
/// (silo-internal updates). Listing needs a reviewer, searcher or auditor of the force. Listing also applies
/// retention: expired cases and follow-ups leave the list and are told to delete themselves.
/// </summary>
public interface ICaseIndexGrain : IGrainWithStringKey
{
    Task UpsertCaseAsync(CaseSummary summary);

    Task UpsertFollowUpAsync(FollowUpView followUp);

    /// <summary>Cases newest first; <paramref name="undecidedOnly"/>: the review queue.</summary>
    Task<ImmutableArray<CaseSummary>> ListCasesAsync(bool undecidedOnly);

    /// <summary>Follow-ups this force asked (<paramref name="incoming"/> false) or was asked (true), newest first,
    /// with the overdue flag as of now. Never core data.</summary>
    Task<ImmutableArray<FollowUpView>> ListFollowUpsAsync(bool incoming);

    /// <summary>Applies retention now (also runs on every listing and hourly while active); returns how many cases
    /// and follow-ups were deleted.</summary>
    Task<int> PruneAsync();
}
