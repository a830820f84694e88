namespace Grid.Protocol.Sharing;

/// <summary>Accepts exactly the version the requester reviewed, so changed terms are never accepted unseen.</summary>
public sealed record AcceptAgreementRequest(int Version);
