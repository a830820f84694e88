namespace Grid.Contracts.Review;

/// <summary>One reviewer's decision on one candidate, with the note that explains it.</summary>
[GenerateSerializer, Immutable, Alias("grid.review-decision")]
public sealed record ReviewDecision(
    [property: Id(0)] string Reviewer,
    [property: Id(1)] ReviewVerdict Verdict,
    [property: Id(2)] string Note,
    [property: Id(3)] DateTimeOffset At)
{
    public const int MaxNoteLength = 1000;
}
