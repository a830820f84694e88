namespace Grid.Protocol.Audit;

/// <summary>Counts only, between a force and one partner (the force itself for own-gallery searches).</summary>
public sealed record PartnerStats(string Partner, long SearchesMade, long SearchesReceived, long CandidatesReceived, long CandidatesReturned, long Refusals);
