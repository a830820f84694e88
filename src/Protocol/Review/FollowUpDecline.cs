namespace Grid.Protocol.Review;

/// <summary>The owner's reason for declining a follow-up.</summary>
public sealed record FollowUpDecline(string Reason);
