using Grid.Protocol.Galleries;

namespace Grid.Protocol.Sharing;

/// <summary>What an owner grants a requester: galleries, offence categories, caps, a daily quota (UTC) and a validity window.</summary>
public sealed record AgreementTerms(
    GalleryId[] Galleries,
    string[] Offences,
    int MaxCandidates,
    float MinScore,
    int DailyQuota,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil);
