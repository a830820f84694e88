using Grid.Contracts.Identity;

namespace Grid.Contracts.Audit;

/// <summary>Counts only, between one force and one partner (the force itself for own-gallery searches). Confirmed
/// matches and follow-ups are counted at both ends, as Prüm II Art 72's statistics ask.</summary>
[GenerateSerializer, Immutable, Alias("grid.partner-stats")]
public sealed record PartnerStats(
    [property: Id(0)] ForceId Partner,
    [property: Id(1)] long SearchesMade,
    [property: Id(2)] long SearchesReceived,
    [property: Id(3)] long CandidatesReceived,
    [property: Id(4)] long CandidatesReturned,
    [property: Id(5)] long Refusals,
    [property: Id(6)] long ConfirmedMatches = 0,
    [property: Id(7)] long FollowUpsRequested = 0,
    [property: Id(8)] long FollowUpsReleased = 0,
    [property: Id(9)] long FollowUpsDeclined = 0);
