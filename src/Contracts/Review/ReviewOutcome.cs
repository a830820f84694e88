namespace Grid.Contracts.Review;

/// <summary>A candidate's standing once its required reviewers have spoken.</summary>
public enum ReviewOutcome
{
    /// <summary>Fewer decisions than the agreement requires.</summary>
    Undecided = 0,
    /// <summary>Every required reviewer said possible match: a confirmed match (Prüm II Art 20(2)); follow-up may be asked.</summary>
    PossibleMatch = 1,
    NoMatch = 2,
    Inconclusive = 3,
    /// <summary>Four-eyes reviewers disagreed: not a confirmed match.</summary>
    Disputed = 4,
}
