using Grid.Contracts.Review;

namespace Grid.Grains.Review;

[GenerateSerializer, Alias("grid.case-index-state")]
public sealed class CaseIndexState
{
    /// <summary>Cases listed before the list was split into day pages; read and pruned, never added to.</summary>
    [Id(0)]
    public Dictionary<string, CaseSummary> Cases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Follow-ups this force asked, by id (never with core data).</summary>
    [Id(1)]
    public Dictionary<string, FollowUpView> Outgoing { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Follow-ups this force was asked, by id.</summary>
    [Id(2)]
    public Dictionary<string, FollowUpView> Incoming { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The UTC days (<see cref="DateOnly.DayNumber"/>) that have a page of cases (<see cref="Contracts.Review.ICaseDayGrain"/>).</summary>
    [Id(3)]
    public HashSet<int> Days { get; set; } = [];
}
