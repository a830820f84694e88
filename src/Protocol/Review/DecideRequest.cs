namespace Grid.Protocol.Review;

/// <summary>A reviewer's decision on one candidate of a case.</summary>
/// <param name="Verdict">PossibleMatch, NoMatch or Inconclusive.</param>
/// <param name="Note">Why (at most <see cref="MaxNoteLength"/> characters).</param>
public sealed record DecideRequest(ReviewVerdict Verdict, string Note)
{
    /// <summary>The longest note a decision may carry.</summary>
    public const int MaxNoteLength = 1000;
}
