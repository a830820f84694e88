namespace Grid.Contracts.Review;

/// <summary>What one reviewer says about one candidate (Interpol's "potential candidate / no candidate / inconclusive").</summary>
public enum ReviewVerdict
{
    PossibleMatch = 1,
    NoMatch = 2,
    Inconclusive = 3,
}
