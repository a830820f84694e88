using System.Collections.Immutable;

namespace Grid.Contracts.Review;

/// <summary>
/// A force's list of review cases and follow-ups [key <c>FORCE/review</c>], kept by the case and follow-up grains
/// (silo-internal updates). Cases live in one page per UTC day (<see cref="ICaseDayGrain"/>); this grain holds the
/// days that have a page and the follow-ups. Listing needs a reviewer, searcher or auditor of the force. Listing drops
/// days past retention; the hourly sweep (and <see cref="PruneAsync"/>) also prunes each page.
/// </summary>
public interface ICaseIndexGrain : IGrainWithStringKey
{
    /// <summary>Silo-internal: writes the case's line into its day's page (and registers the day if new).</summary>
    Task UpsertCaseAsync(CaseSummary summary);

    /// <summary>Silo-internal (a case whose day page was new): the day now has a page.</summary>
    Task AddDayAsync(DateOnly day);

    Task UpsertFollowUpAsync(FollowUpView followUp);

    /// <summary>Cases newest first, at most <see cref="MaxListed"/>; <paramref name="undecidedOnly"/>: the review queue.</summary>
    Task<ImmutableArray<CaseSummary>> ListCasesAsync(bool undecidedOnly);

    /// <summary>Follow-ups this force asked (<paramref name="incoming"/> false) or was asked (true), newest first,
    /// with the overdue flag as of now. Never core data.</summary>
    Task<ImmutableArray<FollowUpView>> ListFollowUpsAsync(bool incoming);

    /// <summary>Applies retention now (also hourly while active, and in part on every listing): returns how many day pages
    /// and follow-ups were deleted; every remaining page prunes its own cases.</summary>
    Task<int> PruneAsync();

    /// <summary>The most cases one listing returns.</summary>
    const int MaxListed = 1000;
}
