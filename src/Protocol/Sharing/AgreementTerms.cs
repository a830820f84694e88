using Grid.Protocol.Galleries;

namespace Grid.Protocol.Sharing;

/// <summary>What an owner grants a requester: galleries, offence categories, caps, a daily quota (UTC) and a validity window;
/// how many independent reviewers must confirm each candidate (1, or 2 for four-eyes) and whether the owner's reference
/// images of candidates may be fetched through the requester's case (Prüm II Art 24; off unless said).</summary>
public sealed record AgreementTerms(
    GalleryId[] Galleries,
    string[] Offences,
    int MaxCandidates,
    float MinScore,
    int DailyQuota,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    int RequiredReviewers = 1,
    bool ShareImages = false);
