using Grid.Contracts.Review;

namespace Grid.Grains.Review;

[GenerateSerializer, Alias("grid.case-index-state")]
public sealed class CaseIndexState
{
    [Id(0)]
    public Dictionary<string, CaseSummary> Cases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Follow-ups this force asked, by id (never with core data).</summary>
    [Id(1)]
    public Dictionary<string, FollowUpView> Outgoing { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Follow-ups this force was asked, by id.</summary>
    [Id(2)]
    public Dictionary<string, FollowUpView> Incoming { get; set; } = new(StringComparer.Ordinal);
}
