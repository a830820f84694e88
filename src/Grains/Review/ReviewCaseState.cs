using Grid.Contracts.Review;

namespace Grid.Grains.Review;

[GenerateSerializer, Alias("grid.review-case-state")]
public sealed class ReviewCaseState
{
    /// <summary>Null until the coordinator opens the case, and again once retention deleted it.</summary>
    [Id(0)]
    public ReviewCase? Case { get; set; }
}
