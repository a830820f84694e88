namespace Grid.Protocol.Sharing;

/// <summary>A purpose a search may name; <see cref="EligibleForCrossBorder"/> says whether it may justify a partner's search.</summary>
public sealed record OffenceCategory(string Code, string Title, bool MeetsOneYearThreshold, bool IsHumanitarian, bool EligibleForCrossBorder);
