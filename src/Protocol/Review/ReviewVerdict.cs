namespace Grid.Protocol.Review;

/// <summary>What one reviewer says about one candidate (Interpol's "potential candidate / no candidate / inconclusive").</summary>
public enum ReviewVerdict
{
    /// <summary>The candidate may be the person in the probe.</summary>
    PossibleMatch = 1,
    /// <summary>The candidate is not the person in the probe.</summary>
    NoMatch = 2,
    /// <summary>The reviewer cannot say.</summary>
    Inconclusive = 3,
}
