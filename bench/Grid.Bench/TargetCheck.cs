namespace Grid.Bench;

/// <summary>One target next to its measurement: <see cref="Ratio"/> must not exceed <see cref="Limit"/>.</summary>
public sealed record TargetCheck(long Size, string Check, string Measured, double Ratio, double Limit)
{
    public bool Met => Ratio <= Limit;
}
