namespace Grid.Contracts.Sharing;

/// <summary>
/// One purpose a search may name. <see cref="MeetsOneYearThreshold"/> says whether the offence is
/// punishable by a maximum custodial sentence of at least one year, which Prüm II
/// (Regulation (EU) 2024/982) requires for automated facial-image searches across borders.
/// <see cref="IsHumanitarian"/> marks searches for missing persons and unidentified remains,
/// which Prüm II allows without an offence.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.offence-category")]
public sealed record OffenceCategory(
    [property: Id(0)] string Code,
    [property: Id(1)] string Title,
    [property: Id(2)] bool MeetsOneYearThreshold,
    [property: Id(3)] bool IsHumanitarian)
{
    /// <summary>May this purpose justify a search of another force's gallery?</summary>
    public bool EligibleForCrossBorder => MeetsOneYearThreshold || IsHumanitarian;
}
