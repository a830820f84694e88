namespace Grid.Protocol.Review;

/// <summary>A candidate's standing once its required reviewers have spoken.</summary>
public enum ReviewOutcome
{
    /// <summary>Fewer decisions than the agreement requires.</summary>
    Undecided = 0,
    /// <summary>Every required reviewer said possible match: a confirmed match (Prüm II Art 20(2)); follow-up may be asked.</summary>
    PossibleMatch = 1,
    /// <summary>Not the person.</summary>
    NoMatch = 2,
    /// <summary>The reviewers could not say.</summary>
    Inconclusive = 3,
    /// <summary>Four-eyes reviewers disagreed: not a confirmed match.</summary>
    Disputed = 4,
}
