namespace Grid.Protocol.Review;

/// <summary>One reviewer's decision on one candidate, with the note that explains it.</summary>
public sealed record ReviewDecision(string Reviewer, ReviewVerdict Verdict, string Note, DateTimeOffset At);
