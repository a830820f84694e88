namespace Grid.Grains.Sharing;

/// <summary>Limits one owner puts on a search of its galleries, applied before the global merge.</summary>
public sealed record SearchCaps(int MaxCandidates, float MinScore)
{
    /// <summary>A force searching its own galleries is limited only by the search's own top-k.</summary>
    public static readonly SearchCaps Unlimited = new(int.MaxValue, float.NegativeInfinity);
}
