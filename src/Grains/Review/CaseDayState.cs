using Grid.Contracts.Review;

namespace Grid.Grains.Review;

[GenerateSerializer, Alias("grid.case-day-state")]
public sealed class CaseDayState
{
    /// <summary>The day's cases by search id.</summary>
    [Id(0)]
    public Dictionary<string, CaseSummary> Cases { get; set; } = new(StringComparer.Ordinal);
}
