using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Grid.Contracts.Review;

/// <summary>
/// One day's page of a force's case list [key <c>FORCE/review/yyyy-MM-dd</c>, see <see cref="ReviewKeys.CaseDay"/>]:
/// the summaries of the cases opened that UTC day. A search rewrites only its own day's page, never the whole list;
/// <see cref="ICaseIndexGrain"/> names the days and lists across them. Silo-internal only.
/// </summary>
public interface ICaseDayGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces a case's line; true when the line is new, so the index is told of the day (idempotent,
    /// and a registration lost to a failure is made again by the day's next search).</summary>
    Task<bool> UpsertAsync(CaseSummary summary);

    /// <summary>The page's cases not yet past retention, newest first. Interleaves: it only reads, so a listing never
    /// waits behind (or deadlocks with) a case writing its line.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<CaseSummary>> ListAsync(bool undecidedOnly);

    /// <summary>Applies retention to the page's cases: expired ones leave it and are told to delete themselves, cases holding
    /// released core data past its retention are told to remove it. One-way: see <see cref="IReviewCaseGrain.EnforceRetentionAsync"/>.</summary>
    [OneWay]
    Task PruneAsync();
}
