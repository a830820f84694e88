namespace Grid.Protocol.Audit;

/// <summary>Counts only, between a force and one partner (the force itself for own-gallery searches); confirmed matches
/// and follow-ups are counted at both ends (Prüm II Art 72).</summary>
public sealed record PartnerStats(string Partner, long SearchesMade, long SearchesReceived, long CandidatesReceived, long CandidatesReturned, long Refusals,
    long ConfirmedMatches = 0, long FollowUpsRequested = 0, long FollowUpsReleased = 0, long FollowUpsDeclined = 0);
